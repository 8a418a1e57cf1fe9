import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// Who may sign in, what they may do where, and their sessions.

const statements = [
  // A user is a person (who may own risks) who can also sign in.
  `CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL UNIQUE REFERENCES people(id),
    password_hash TEXT NOT NULL,
    disabled_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`,
  // node_id NULL: the whole organisation (also how the first admin exists before any tree).
  `CREATE TABLE role_grants (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('business_manager','bcp_coordinator','hq_reviewer','admin')),
    node_id INTEGER REFERENCES nodes(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`,
  `CREATE UNIQUE INDEX role_grants_unique ON role_grants(user_id, role, IFNULL(node_id, 0))`,
  // Only a hash of the session token is stored: a copy of the database signs nobody in.
  `CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )`,
  `CREATE INDEX sessions_user ON sessions(user_id)`,
  // Failed sign-ins per email typed, known or not, so the throttle never tells which exist.
  `CREATE TABLE sign_in_failures (
    email_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

