import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
//
// Registers that join up across levels (docs/joined-registers.md): links from a risk to a risk
// in an ancestor node's register (escalated or contributing), proposals of a risk to another
// register (escalation up, de-escalation down) decided by that register's managers, dismissed
// escalation suggestions, decisions that two risks are not duplicates, and recorded risk
// acceptances. Every one is evidence: rows are added, and only the fields that close them
// (a link's removal, a proposal's decision) are ever set, once.

const evidence = (table: string, what: string, closable: string | null) => [
  closable === null
    ? `CREATE TRIGGER ${table}_kept BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${what} are evidence and cannot be changed'); END`
    : `CREATE TRIGGER ${table}_kept BEFORE UPDATE ON ${table} WHEN ${closable}
        BEGIN SELECT RAISE(ABORT, '${what} are evidence: only an open one can be decided or removed, once'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${what} are evidence and cannot be deleted'); END`,
];

const statements = [
  `CREATE TABLE risk_links (
    id INTEGER PRIMARY KEY,
    -- The lower risk: it stays open in its own register.
    from_risk_id INTEGER NOT NULL REFERENCES risks(id),
    -- The higher risk, in a register of an ancestor of the lower risk's node.
    to_risk_id INTEGER NOT NULL REFERENCES risks(id),
    kind TEXT NOT NULL CHECK (kind IN ('escalated', 'contributes')),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at TEXT NOT NULL,
    created_by_user_id INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL,
    -- Set once, when the link is removed (unlinked, or the higher risk de-escalated).
    removed_at TEXT,
    removed_by_user_id INTEGER REFERENCES users(id),
    removed_reason TEXT,
    CHECK (from_risk_id <> to_risk_id),
    CHECK ((removed_at IS NULL) = (removed_reason IS NULL))
  )`,
  `CREATE UNIQUE INDEX risk_links_standing ON risk_links(from_risk_id, to_risk_id) WHERE removed_at IS NULL`,
  `CREATE INDEX risk_links_to ON risk_links(to_risk_id) WHERE removed_at IS NULL`,
  ...evidence('risk_links', 'links between risks', `OLD.removed_at IS NOT NULL
      OR NEW.from_risk_id IS NOT OLD.from_risk_id OR NEW.to_risk_id IS NOT OLD.to_risk_id OR NEW.kind IS NOT OLD.kind
      OR NEW.reason IS NOT OLD.reason OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by_name IS NOT OLD.created_by_name`),

  `CREATE TABLE risk_proposals (
    id INTEGER PRIMARY KEY,
    -- escalation: a lower risk proposed to an ancestor's register; de-escalation: a higher risk handed down to a child's.
    kind TEXT NOT NULL CHECK (kind IN ('escalation', 'de-escalation')),
    from_risk_id INTEGER NOT NULL REFERENCES risks(id),
    register_id INTEGER NOT NULL REFERENCES registers(id),
    -- The proposed risk's fields (title, cause, scores...), pre-filled from the original as it was: JSON.
    fields TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    proposed_at TEXT NOT NULL,
    proposed_by_user_id INTEGER REFERENCES users(id),
    proposed_by_name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'declined')),
    decided_at TEXT,
    decided_by_user_id INTEGER REFERENCES users(id),
    decided_by_name TEXT,
    decision_reason TEXT,
    -- The open risk the proposal became.
    accepted_risk_id INTEGER REFERENCES risks(id),
    CHECK ((status = 'proposed') = (decided_at IS NULL)),
    CHECK ((status = 'accepted') = (accepted_risk_id IS NOT NULL)),
    CHECK (status <> 'declined' OR length(trim(coalesce(decision_reason, ''))) > 0)
  )`,
  // One waiting proposal of a risk per register: a double submit proposes once.
  `CREATE UNIQUE INDEX risk_proposals_waiting ON risk_proposals(from_risk_id, register_id) WHERE status = 'proposed'`,
  `CREATE INDEX risk_proposals_register ON risk_proposals(register_id, status)`,
  ...evidence('risk_proposals', 'proposals', `OLD.status <> 'proposed'
      OR NEW.kind IS NOT OLD.kind OR NEW.from_risk_id IS NOT OLD.from_risk_id OR NEW.register_id IS NOT OLD.register_id
      OR NEW.fields IS NOT OLD.fields OR NEW.reason IS NOT OLD.reason OR NEW.proposed_at IS NOT OLD.proposed_at`),

  // A suggestion to escalate, dismissed by the manager of the node it was suggested to, while
  // the risk stays at or below the level it had then.
  `CREATE TABLE escalation_dismissals (
    id INTEGER PRIMARY KEY,
    risk_id INTEGER NOT NULL REFERENCES risks(id),
    node_id INTEGER NOT NULL REFERENCES nodes(id),
    level_rank INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    dismissed_at TEXT NOT NULL,
    dismissed_by_user_id INTEGER REFERENCES users(id),
    dismissed_by_name TEXT NOT NULL
  )`,
  `CREATE INDEX escalation_dismissals_node ON escalation_dismissals(node_id, risk_id)`,
  ...evidence('escalation_dismissals', 'dismissed suggestions', null),

  // Two risks judged not to be duplicates, while neither's title nor cause changes: the
  // fingerprint is both risks' title and cause as they were.
  `CREATE TABLE duplicate_decisions (
    id INTEGER PRIMARY KEY,
    risk_a_id INTEGER NOT NULL REFERENCES risks(id),
    risk_b_id INTEGER NOT NULL REFERENCES risks(id),
    fingerprint TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    decided_at TEXT NOT NULL,
    decided_by_user_id INTEGER REFERENCES users(id),
    decided_by_name TEXT NOT NULL,
    CHECK (risk_a_id < risk_b_id)
  )`,
  `CREATE INDEX duplicate_decisions_pair ON duplicate_decisions(risk_a_id, risk_b_id)`,
  ...evidence('duplicate_decisions', 'duplicate decisions', null),

  // A risk tolerated above its appetite, accepted by a named person to a level until a date.
  `CREATE TABLE risk_acceptances (
    id INTEGER PRIMARY KEY,
    risk_id INTEGER NOT NULL REFERENCES risks(id),
    approver_id INTEGER NOT NULL REFERENCES people(id),
    -- The approver's name as it was.
    approver_name TEXT NOT NULL,
    accepted_on TEXT NOT NULL,
    level_rank INTEGER NOT NULL,
    level_name TEXT NOT NULL,
    justification TEXT NOT NULL CHECK (length(trim(justification)) > 0),
    expires_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by_user_id INTEGER REFERENCES users(id),
    recorded_by_name TEXT NOT NULL,
    CHECK (expires_on >= accepted_on)
  )`,
  `CREATE INDEX risk_acceptances_risk ON risk_acceptances(risk_id, accepted_on)`,
  ...evidence('risk_acceptances', 'risk acceptances', null),

  // Counters moved by triggers on any change that can change what they count, so what is
  // computed from them can be kept in memory until they move (server/queries/quality-findings.ts,
  // server/queries/duplicates.ts): 'findings' by anything a quality rule reads; 'duplicates' only
  // by what decides a likely duplicate (a risk's text, status or register, links, decisions, the
  // tree), so review saves and action edits do not make the organisation's pairs be found again.
  `CREATE TABLE change_counters (name TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID`,
  `INSERT INTO change_counters (name, version) VALUES ('findings', 1), ('duplicates', 1)`,
  ...['risk_facts', 'risks', 'actions', 'reviews', 'risk_links', 'risk_proposals', 'duplicate_decisions', 'risk_acceptances', 'escalation_dismissals',
    'plan_risks', 'plan_facts', 'plan_test_facts', 'categories', 'objectives', 'matrix_cells', 'matrix_levels', 'nodes', 'registers', 'settings'].flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map((event) => `CREATE TRIGGER findings_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
      BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'findings'; END`)),
  ...[['risks', 'INSERT'], ['risks', 'DELETE'], ['risks', 'UPDATE OF title, cause, status, register_id'], ['risk_links', 'INSERT'], ['risk_links', 'UPDATE'],
    ['duplicate_decisions', 'INSERT'], ['nodes', 'INSERT'], ['nodes', 'UPDATE OF parent_id'], ['registers', 'UPDATE OF node_id']].map(([table, event], index) =>
    `CREATE TRIGGER duplicates_${table}_${index} AFTER ${event} ON ${table}
      BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'duplicates'; END`),

  // The level at or above which a risk of a node of each kind is suggested for escalation to its parent.
  `INSERT INTO settings (key, value) VALUES ('escalation_level_rank', '{"division":4,"unit":4,"team":4}')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
