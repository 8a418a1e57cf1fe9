import type { Db } from '../../db/connection';
import type { SecurityEventKind } from '../../db/schema';

export interface SecurityEvent {
  at: string;
  kind: SecurityEventKind;
  emailKey: string;
  userId?: number | null;
  actorUserId?: number | null;
  detail?: string;
}

/** Adds one entry to the security log; pass the transaction of the change it describes, if any. */
export async function recordSecurityEvent(db: Db, event: SecurityEvent): Promise<void> {
  await db
    .insertInto('security_events')
    .values({
      at: event.at,
      kind: event.kind,
      email_key: event.emailKey,
      user_id: event.userId ?? null,
      actor_user_id: event.actorUserId ?? null,
      detail: event.detail ?? '',
    })
    .execute();
}

/** The latest entries for an address, newest first, with the name of the admin who acted. */
export function listSecurityEvents(db: Db, emailKey: string, limit: number) {
  return db
    .selectFrom('security_events')
    .leftJoin('users', 'users.id', 'security_events.actor_user_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select(['security_events.id', 'security_events.at', 'security_events.kind', 'security_events.detail', 'people.name as actor_name'])
    .where('security_events.email_key', '=', emailKey)
    .orderBy('security_events.id', 'desc')
    .limit(limit)
    .execute();
}
