import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// The security log: sign-in failures, locks and their clearing, kept apart from the audit
// history because most of them have no signed-in actor and some name no account at all.

const statements = [
  `CREATE TABLE security_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sign_in_failed','address_locked','lock_cleared')),
    -- The address as typed (lower case), whether or not anyone has it.
    email_key TEXT NOT NULL,
    -- The account the address belongs to, when there is one.
    user_id INTEGER REFERENCES users(id),
    -- The admin who cleared a lock (by password reset or by hand).
    actor_user_id INTEGER REFERENCES users(id),
    detail TEXT NOT NULL DEFAULT ''
  )`,
  `CREATE INDEX security_events_email ON security_events(email_key, at)`,
  // A log is evidence: it is added to, never changed.
  `CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events
   BEGIN SELECT RAISE(ABORT, 'security events cannot be changed'); END`,
  `CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
   BEGIN SELECT RAISE(ABORT, 'security events cannot be deleted'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
