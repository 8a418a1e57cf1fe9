import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// Business continuity plans: a plan is the stable identity (ref, scope, owner, marking); its
// content lives in versions, of which at most one is a draft and approved ones are evidence.

const statements = [
  `CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    node_id INTEGER NOT NULL REFERENCES nodes(id),
    site_id INTEGER REFERENCES sites(id),
    ref TEXT NOT NULL UNIQUE COLLATE NOCASE,
    title TEXT NOT NULL,
    owner_id INTEGER REFERENCES people(id),
    protective_marking TEXT NOT NULL,
    retired_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`,
  `CREATE INDEX plans_node ON plans(node_id)`,
  `CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    number INTEGER CHECK (number >= 1),
    status TEXT NOT NULL CHECK (status IN ('draft','approved','superseded')),
    content TEXT NOT NULL CHECK (json_valid(content)),
    approver_id INTEGER REFERENCES people(id),
    approved_on TEXT,
    next_review_on TEXT,
    change_summary TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (plan_id, number),
    CHECK ((status = 'draft') = (number IS NULL)),
    CHECK (status = 'draft' OR (approved_on IS NOT NULL AND next_review_on IS NOT NULL))
  )`,
  `CREATE UNIQUE INDEX plan_versions_one_draft ON plan_versions(plan_id) WHERE status = 'draft'`,
  // The version in force: approving another supersedes it first.
  `CREATE UNIQUE INDEX plan_versions_one_approved ON plan_versions(plan_id) WHERE status = 'approved'`,
  // Approved and superseded versions are the evidence of what was approved, by whom and when:
  // the only change allowed is approved -> superseded when a later version is approved.
  `CREATE TRIGGER plan_versions_frozen BEFORE UPDATE ON plan_versions
    WHEN OLD.status <> 'draft' AND (
      NOT (NEW.status = OLD.status OR (OLD.status = 'approved' AND NEW.status = 'superseded'))
      OR NEW.content IS NOT OLD.content OR NEW.number IS NOT OLD.number OR NEW.plan_id IS NOT OLD.plan_id
      OR NEW.approver_id IS NOT OLD.approver_id OR NEW.approved_on IS NOT OLD.approved_on
      OR NEW.next_review_on IS NOT OLD.next_review_on OR NEW.change_summary IS NOT OLD.change_summary
      OR NEW.created_at IS NOT OLD.created_at)
    BEGIN SELECT RAISE(ABORT, 'approved plan versions are evidence and cannot be changed'); END`,
  `CREATE TRIGGER plan_versions_draft_not_superseded BEFORE UPDATE ON plan_versions
    WHEN OLD.status = 'draft' AND NEW.status = 'superseded'
    BEGIN SELECT RAISE(ABORT, 'a draft is approved before it can be superseded'); END`,
  `CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
    WHEN OLD.status <> 'draft'
    BEGIN SELECT RAISE(ABORT, 'approved plan versions are evidence and cannot be deleted'); END`,
  `CREATE INDEX plan_versions_plan ON plan_versions(plan_id, status)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO settings (key, value) VALUES ('plan_review_months', ${JSON.stringify(12)})`.execute(db);
}
