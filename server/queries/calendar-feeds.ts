import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import type { Grant } from '../domain/roles';

/** One user's feeds for one node, newest first, live and revoked (the page says which). */
export function listFeedsOfUser(db: Db, userId: number, nodeId: number) {
  return db
    .selectFrom('calendar_feeds')
    .select(['id', 'created_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .where('node_id', '=', nodeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The feed with this token hash, with its user's state and roles as they are now: a feed is
 * only ever as good as its owner's access at the moment it is fetched.
 */
export async function findFeedByTokenHash(db: Db, tokenHash: string) {
  const row = await db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['calendar_feeds.id', 'calendar_feeds.user_id', 'calendar_feeds.node_id', 'calendar_feeds.revoked_at', 'users.disabled_on'])
    .select(sql<string>`(SELECT json_group_array(json_object('role', g.role, 'node_id', g.node_id)) FROM role_grants g WHERE g.user_id = users.id)`.as('grants'))
    .where('calendar_feeds.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, grants: JSON.parse(row.grants) as Grant[] };
}
