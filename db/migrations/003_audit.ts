import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.

const statements = [
  // Append-only evidence of every change. No foreign keys: an event must outlive whatever it
  // describes, and actor_name keeps the name as it was when the change was made.
  `CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_user_id INTEGER,
    actor_name TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    node_id INTEGER,
    risk_id INTEGER,
    action TEXT NOT NULL CHECK (action IN ('create','update','delete')),
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after))
  )`,
  `CREATE INDEX audit_events_entity ON audit_events(entity_type, entity_id, id)`,
  `CREATE INDEX audit_events_risk ON audit_events(risk_id, id) WHERE risk_id IS NOT NULL`,
  `CREATE INDEX audit_events_node ON audit_events(node_id, id)`,
  `CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit history is evidence and cannot be changed'); END`,
  `CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit history is evidence and cannot be deleted'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
