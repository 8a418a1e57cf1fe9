import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// A secret calendar feed URL (docs/calendar-feeds.md): a calendar program cannot sign in, so the
// URL itself is the key. Only the SHA-256 of its token is kept, as for sessions: a copy of the
// database does not give anyone a working feed. A feed is never deleted, only revoked, so the
// page and the audit history can say when it stopped working.

const statements = [
  `CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    node_id INTEGER NOT NULL REFERENCES nodes(id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
  )`,
  `CREATE INDEX calendar_feeds_user_node ON calendar_feeds(user_id, node_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
