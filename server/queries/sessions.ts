import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import type { Grant } from '../domain/roles';
import type { SignedInUser } from './users';

const sessionUser = preparedQuery<{ tokenHash: string; nowIso: string; startedAfterIso: string }>()((db, value) => db
  .selectFrom('sessions')
  .innerJoin('users', 'users.id', 'sessions.user_id')
  .innerJoin('people', 'people.id', 'users.person_id')
  .select(['sessions.csrf_token', 'sessions.last_seen_at', 'users.id as user_id', 'users.person_id', 'people.name', 'people.email'])
  // The user's roles in the same statement: this runs on every request.
  .select(sql<string>`(SELECT json_group_array(json_object('role', g.role, 'node_id', g.node_id)) FROM role_grants g WHERE g.user_id = users.id)`.as('grants'))
  .where('sessions.token_hash', '=', value('tokenHash'))
  .where('sessions.expires_at', '>', value('nowIso'))
  .where('sessions.created_at', '>', value('startedAfterIso'))
  .where('users.disabled_on', 'is', null));

/** The live session with this token hash (used recently, and begun after `startedAfterIso`), and its user, if the user is still active. */
export async function findSessionUser(db: Db, tokenHash: string, nowIso: string, startedAfterIso: string) {
  const [row] = await sessionUser(db, { tokenHash, nowIso, startedAfterIso });
  if (!row) return undefined;
  const grants = JSON.parse(row.grants) as Grant[];
  const user: SignedInUser = { id: row.user_id, personId: row.person_id, name: row.name, email: row.email, grants };
  return { user, csrfToken: row.csrf_token, lastSeenAt: row.last_seen_at };
}

export async function insertSession(db: Db, session: { tokenHash: string; userId: number; csrfToken: string; nowIso: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.nowIso,
      last_seen_at: session.nowIso,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function extendSession(db: Db, tokenHash: string, nowIso: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: nowIso, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Signs a user out everywhere: after a password reset or when the account is disabled. */
export async function deleteSessionsOfUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
}

export function findSignInFailures(db: Db, emailKey: string) {
  return db.selectFrom('sign_in_failures').selectAll().where('email_key', '=', emailKey).executeTakeFirst();
}

export async function saveSignInFailures(db: Db, emailKey: string, failures: number, lastFailedAt: string): Promise<void> {
  await db
    .insertInto('sign_in_failures')
    .values({ email_key: emailKey, failures, last_failed_at: lastFailedAt })
    .onConflict((oc) => oc.column('email_key').doUpdateSet({ failures, last_failed_at: lastFailedAt }))
    .execute();
}

export async function clearSignInFailures(db: Db, emailKey: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email_key', '=', emailKey).execute();
}
