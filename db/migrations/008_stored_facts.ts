import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
//
// Stored facts: what pages filter, sort and count by, kept beside the records so no page has to
// load every risk or parse every plan to show a count. Each fact table has a `_fresh` view that
// computes the same rows from scratch; triggers copy the view's rows for whatever a change
// touches, in the change's own transaction, whoever writes (the app, the demo loader, a test, a
// script). The rules come from the domain through SQL functions (db/functions.ts), so stored and
// from-scratch share one rule. A later change to one of those rules needs a migration that runs
// the refresh statements at the end of this file again.
//
// Also: reference_versions, a counter per kind of reference data (tree, matrix, settings,
// lists, people) bumped by triggers, so the app can keep that data in memory and reload it
// only when it changed.

const RISK_FACT_COLUMNS = 'risk_id, node_id, register_kind, register_code, ref_number, category_id, owner_id, status, current_likelihood, current_impact, current_score, current_level_rank, target_score, target_level_rank, above_appetite, last_reviewed_on, last_direction, review_due_on';
const PLAN_FACT_COLUMNS = 'plan_id, node_id, retired, approved_number, approved_on, first_approved_on, next_review_on, has_draft, required_tests, missing_sections, missing_count, rto_hours, draft_missing_count';
const PLAN_TEST_FACT_COLUMNS = 'plan_id, type, required, last_on, next_due_on';

// Delete, then insert from the view: a trigger's INSERT OR REPLACE would take the conflict rule of
// the statement that fired it (an upsert's, for settings) and fail on the existing row.
const refresh = (table: string, columns: string) => (where: string) =>
  `DELETE FROM ${table} ${where}; INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${table}_fresh ${where};`;
const refreshRisks = refresh('risk_facts', RISK_FACT_COLUMNS);
const refreshPlans = refresh('plan_facts', PLAN_FACT_COLUMNS);
const refreshTests = refresh('plan_test_facts', PLAN_TEST_FACT_COLUMNS);
const refreshActions = refresh('open_action_facts', 'action_id, risk_id, node_id, due_on');

const latestReview = (column: string) => `(SELECT v.${column} FROM reviews v WHERE v.risk_id = r.id ORDER BY v.reviewed_on DESC, v.id DESC LIMIT 1)`;
const contentFacts = 'bulwark_plan_content_facts(coalesce(a.content, d.content))';

const statements = [
  // ---- Risks ----
  `CREATE TABLE risk_facts (
    risk_id INTEGER PRIMARY KEY,
    -- Copied from the risk and its register, so registers filter and sort without joining them.
    node_id INTEGER NOT NULL,
    register_kind TEXT NOT NULL CHECK (register_kind IN ('divisional', 'unit', 'project', 'case', 'thematic')),
    register_code TEXT NOT NULL,
    ref_number INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    owner_id INTEGER,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    current_likelihood INTEGER NOT NULL,
    current_impact INTEGER NOT NULL,
    current_score INTEGER NOT NULL,
    current_level_rank INTEGER NOT NULL,
    target_score INTEGER NOT NULL,
    target_level_rank INTEGER NOT NULL,
    -- Open, and its current level above its category's appetite.
    above_appetite INTEGER NOT NULL,
    last_reviewed_on TEXT,
    last_direction TEXT CHECK (last_direction IN ('up', 'down', 'same', 'new')),
    -- The last day by which the next review is due (server/domain/reviews.ts); NULL once closed.
    review_due_on TEXT
  )`,
  // A part of the organisation's risks by node, with the current cell: counts and the heat map from the index.
  `CREATE INDEX risk_facts_node ON risk_facts(node_id, status, current_likelihood, current_impact)`,
  // The whole organisation's register, worst first, read in order a page at a time.
  `CREATE INDEX risk_facts_score ON risk_facts(status, current_score DESC, current_likelihood DESC, register_code, ref_number, risk_id)`,
  // The home page's counts per node, the heat map, the quarter line and the owner filter, each from an index alone.
  `CREATE INDEX risk_facts_counts ON risk_facts(status, node_id, above_appetite, review_due_on)`,
  `CREATE INDEX risk_facts_cells ON risk_facts(status, current_likelihood, current_impact, node_id)`,
  `CREATE INDEX risk_facts_reviews ON risk_facts(status, review_due_on, last_reviewed_on, node_id)`,
  `CREATE INDEX risk_facts_owners ON risk_facts(owner_id, node_id)`,
  `CREATE VIEW risk_facts_fresh AS
    SELECT r.id AS risk_id, g.node_id, g.kind AS register_kind, g.code AS register_code, r.ref_number, r.category_id, r.owner_id, r.status,
      r.current_likelihood, r.current_impact, cc.score AS current_score, cc.level_rank AS current_level_rank,
      tc.score AS target_score, tc.level_rank AS target_level_rank,
      CASE WHEN r.status = 'open' AND cc.level_rank > c.appetite_rank THEN 1 ELSE 0 END AS above_appetite,
      ${latestReview('reviewed_on')} AS last_reviewed_on,
      ${latestReview('direction')} AS last_direction,
      CASE WHEN r.status = 'open' THEN bulwark_review_due_on(
        r.identified_on,
        ${latestReview('reviewed_on')},
        (SELECT json_extract(s.value, '$.' || g.kind) FROM settings s WHERE s.key = 'review_cadence_months'),
        (SELECT CAST(s.value AS INTEGER) FROM settings s WHERE s.key = 'fy_start_month')
      ) END AS review_due_on
    FROM risks r
    JOIN registers g ON g.id = r.register_id
    JOIN categories c ON c.id = r.category_id
    JOIN matrix_cells cc ON cc.likelihood = r.current_likelihood AND cc.impact = r.current_impact
    JOIN matrix_cells tc ON tc.likelihood = r.target_likelihood AND tc.impact = r.target_impact`,
  `CREATE TRIGGER risk_facts_risk_inserted AFTER INSERT ON risks BEGIN ${refreshRisks('WHERE risk_id = NEW.id')} END`,
  `CREATE TRIGGER risk_facts_risk_updated AFTER UPDATE OF register_id, ref_number, status, category_id, owner_id, identified_on, current_likelihood, current_impact, target_likelihood, target_impact ON risks
    BEGIN ${refreshRisks('WHERE risk_id = NEW.id')} END`,
  `CREATE TRIGGER risk_facts_risk_deleted AFTER DELETE ON risks BEGIN DELETE FROM risk_facts WHERE risk_id = OLD.id; END`,
  `CREATE TRIGGER risk_facts_review_recorded AFTER INSERT ON reviews BEGIN ${refreshRisks('WHERE risk_id = NEW.risk_id')} END`,
  `CREATE TRIGGER risk_facts_register_changed AFTER UPDATE OF node_id, kind, code ON registers
    BEGIN ${refreshRisks('WHERE risk_id IN (SELECT id FROM risks WHERE register_id = NEW.id)')} END`,
  `CREATE TRIGGER risk_facts_appetite_changed AFTER UPDATE OF appetite_rank ON categories WHEN NEW.appetite_rank IS NOT OLD.appetite_rank
    BEGIN ${refreshRisks('WHERE risk_id IN (SELECT id FROM risks WHERE category_id = NEW.id)')} END`,
  `CREATE TRIGGER risk_facts_cell_changed AFTER UPDATE OF level_rank, score ON matrix_cells WHEN NEW.level_rank IS NOT OLD.level_rank OR NEW.score IS NOT OLD.score
    BEGIN ${refreshRisks(`WHERE risk_id IN (SELECT id FROM risks WHERE (current_likelihood = NEW.likelihood AND current_impact = NEW.impact)
      OR (target_likelihood = NEW.likelihood AND target_impact = NEW.impact))`)} END`,
  `CREATE TRIGGER risk_facts_setting_added AFTER INSERT ON settings WHEN NEW.key IN ('fy_start_month', 'review_cadence_months')
    BEGIN ${refreshRisks('')} END`,
  `CREATE TRIGGER risk_facts_setting_changed AFTER UPDATE ON settings WHEN NEW.key IN ('fy_start_month', 'review_cadence_months') AND NEW.value IS NOT OLD.value
    BEGIN ${refreshRisks('')} END`,
  // Open actions of open risks by due date and node: the home page counts the overdue ones per
  // node from this index alone. One row per such action; the view says which they are.
  `CREATE TABLE open_action_facts (
    action_id INTEGER PRIMARY KEY,
    risk_id INTEGER NOT NULL,
    node_id INTEGER NOT NULL,
    due_on TEXT
  )`,
  `CREATE INDEX open_action_facts_due ON open_action_facts(due_on, node_id)`,
  `CREATE INDEX open_action_facts_risk ON open_action_facts(risk_id)`,
  `CREATE VIEW open_action_facts_fresh AS
    SELECT a.id AS action_id, a.risk_id, g.node_id, a.due_on
    FROM actions a JOIN risks r ON r.id = a.risk_id JOIN registers g ON g.id = r.register_id
    WHERE a.status IN ('not_started', 'in_progress') AND r.status = 'open'`,
  `CREATE TRIGGER open_action_facts_action_inserted AFTER INSERT ON actions BEGIN ${refreshActions('WHERE action_id = NEW.id')} END`,
  `CREATE TRIGGER open_action_facts_action_updated AFTER UPDATE OF risk_id, status, due_on ON actions BEGIN ${refreshActions('WHERE action_id = NEW.id')} END`,
  `CREATE TRIGGER open_action_facts_action_deleted AFTER DELETE ON actions BEGIN DELETE FROM open_action_facts WHERE action_id = OLD.id; END`,
  `CREATE TRIGGER open_action_facts_risk_updated AFTER UPDATE OF register_id, status ON risks
    BEGIN ${refreshActions('WHERE risk_id = NEW.id')} END`,
  `CREATE TRIGGER open_action_facts_register_changed AFTER UPDATE OF node_id ON registers
    BEGIN ${refreshActions('WHERE risk_id IN (SELECT id FROM risks WHERE register_id = NEW.id)')} END`,

  // ---- Plans ----
  `CREATE TABLE plan_facts (
    plan_id INTEGER PRIMARY KEY,
    node_id INTEGER NOT NULL,
    retired INTEGER NOT NULL,
    -- The version in force.
    approved_number INTEGER,
    approved_on TEXT,
    -- A plan never tested is due from its first approval.
    first_approved_on TEXT,
    next_review_on TEXT,
    has_draft INTEGER NOT NULL,
    -- Of the version in force, or of the draft of a plan never approved: JSON.
    required_tests TEXT NOT NULL CHECK (json_valid(required_tests)),
    missing_sections TEXT NOT NULL CHECK (json_valid(missing_sections)),
    missing_count INTEGER NOT NULL,
    rto_hours TEXT NOT NULL CHECK (json_valid(rto_hours)),
    -- Sections the draft still lacks (0 without a draft): the plans list shows it.
    draft_missing_count INTEGER NOT NULL
  )`,
  `CREATE INDEX plan_facts_node ON plan_facts(node_id)`,
  `CREATE VIEW plan_facts_fresh AS
    SELECT p.id AS plan_id, p.node_id, CASE WHEN p.retired_on IS NULL THEN 0 ELSE 1 END AS retired,
      a.number AS approved_number, a.approved_on,
      (SELECT min(v.approved_on) FROM plan_versions v WHERE v.plan_id = p.id AND v.number IS NOT NULL) AS first_approved_on,
      a.next_review_on,
      CASE WHEN d.id IS NULL THEN 0 ELSE 1 END AS has_draft,
      coalesce(json_extract(${contentFacts}, '$.required'), '[]') AS required_tests,
      coalesce(json_extract(${contentFacts}, '$.missing'), '[]') AS missing_sections,
      coalesce(json_array_length(${contentFacts}, '$.missing'), 0) AS missing_count,
      coalesce(json_extract(${contentFacts}, '$.rto'), '[]') AS rto_hours,
      CASE WHEN d.content IS NULL THEN 0 ELSE json_array_length(bulwark_plan_content_facts(d.content), '$.missing') END AS draft_missing_count
    FROM plans p
    LEFT JOIN plan_versions a ON a.plan_id = p.id AND a.status = 'approved'
    LEFT JOIN plan_versions d ON d.plan_id = p.id AND d.status = 'draft'`,
  `CREATE TABLE plan_test_facts (
    plan_id INTEGER NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('call_cascade', 'tabletop', 'live')),
    required INTEGER NOT NULL,
    -- The last completed test of this type (a real invocation with lessons counts as live).
    last_on TEXT,
    -- Last (or first approval) plus the type's cadence; NULL when not required or never approved.
    next_due_on TEXT,
    PRIMARY KEY (plan_id, type)
  ) WITHOUT ROWID`,
  `CREATE VIEW plan_test_facts_fresh AS
    SELECT f.plan_id, t.type, t.required, t.last_on,
      CASE WHEN t.required = 1 AND f.first_approved_on IS NOT NULL THEN bulwark_add_months(coalesce(t.last_on, f.first_approved_on), t.months) END AS next_due_on
    FROM plan_facts f
    JOIN (
      SELECT f2.plan_id, types.type,
        CASE WHEN EXISTS (SELECT 1 FROM json_each(f2.required_tests) j WHERE j.value = types.type) THEN 1 ELSE 0 END AS required,
        (SELECT max(e.held_on) FROM exercises e WHERE e.plan_id = f2.plan_id AND bulwark_counts_as(e.type, e.status, e.lessons) = types.type) AS last_on,
        coalesce((SELECT CAST(s.value AS INTEGER) FROM settings s WHERE s.key = 'exercise_months_' || types.type), types.default_months) AS months
      FROM plan_facts f2,
        (SELECT 'call_cascade' AS type, 6 AS default_months UNION ALL SELECT 'tabletop', 12 UNION ALL SELECT 'live', 36) types
    ) t ON t.plan_id = f.plan_id`,
  `CREATE TRIGGER plan_facts_plan_inserted AFTER INSERT ON plans BEGIN ${refreshPlans('WHERE plan_id = NEW.id')} ${refreshTests('WHERE plan_id = NEW.id')} END`,
  `CREATE TRIGGER plan_facts_plan_updated AFTER UPDATE OF node_id, retired_on ON plans BEGIN ${refreshPlans('WHERE plan_id = NEW.id')} ${refreshTests('WHERE plan_id = NEW.id')} END`,
  `CREATE TRIGGER plan_facts_plan_deleted AFTER DELETE ON plans BEGIN DELETE FROM plan_facts WHERE plan_id = OLD.id; DELETE FROM plan_test_facts WHERE plan_id = OLD.id; END`,
  `CREATE TRIGGER plan_facts_version_inserted AFTER INSERT ON plan_versions BEGIN ${refreshPlans('WHERE plan_id = NEW.plan_id')} ${refreshTests('WHERE plan_id = NEW.plan_id')} END`,
  `CREATE TRIGGER plan_facts_version_updated AFTER UPDATE OF status, number, content, approved_on, next_review_on ON plan_versions
    BEGIN ${refreshPlans('WHERE plan_id = NEW.plan_id')} ${refreshTests('WHERE plan_id = NEW.plan_id')} END`,
  `CREATE TRIGGER plan_facts_version_deleted AFTER DELETE ON plan_versions BEGIN ${refreshPlans('WHERE plan_id = OLD.plan_id')} ${refreshTests('WHERE plan_id = OLD.plan_id')} END`,
  `CREATE TRIGGER plan_test_facts_exercise_inserted AFTER INSERT ON exercises BEGIN ${refreshTests('WHERE plan_id = NEW.plan_id')} END`,
  `CREATE TRIGGER plan_test_facts_exercise_updated AFTER UPDATE ON exercises
    BEGIN ${refreshTests('WHERE plan_id = NEW.plan_id')} ${refreshTests('WHERE plan_id = OLD.plan_id AND OLD.plan_id <> NEW.plan_id')} END`,
  `CREATE TRIGGER plan_test_facts_exercise_deleted AFTER DELETE ON exercises BEGIN ${refreshTests('WHERE plan_id = OLD.plan_id')} END`,
  `CREATE TRIGGER plan_test_facts_setting_added AFTER INSERT ON settings WHEN NEW.key LIKE 'exercise\\_months\\_%' ESCAPE '\\'
    BEGIN ${refreshTests('')} END`,
  `CREATE TRIGGER plan_test_facts_setting_changed AFTER UPDATE ON settings WHEN NEW.key LIKE 'exercise\\_months\\_%' ESCAPE '\\' AND NEW.value IS NOT OLD.value
    BEGIN ${refreshTests('')} END`,

  // ---- Reference data versions ----
  `CREATE TABLE reference_versions (
    name TEXT PRIMARY KEY CHECK (name IN ('tree', 'matrix', 'settings', 'lists', 'people')),
    version INTEGER NOT NULL
  ) WITHOUT ROWID`,
  `INSERT INTO reference_versions (name, version) VALUES ('tree', 1), ('matrix', 1), ('settings', 1), ('lists', 1), ('people', 1)`,
];

/** Which reference data each table belongs to: any change to its rows bumps that version. */
const REFERENCE_TABLES: [table: string, name: string][] = [
  ['nodes', 'tree'],
  ['registers', 'tree'],
  ['sites', 'tree'],
  ['node_sites', 'tree'],
  ['matrix_levels', 'matrix'],
  ['matrix_labels', 'matrix'],
  ['matrix_cells', 'matrix'],
  ['settings', 'settings'],
  ['categories', 'lists'],
  ['objectives', 'lists'],
  ['people', 'people'],
];

function referenceTriggers(): string[] {
  return REFERENCE_TABLES.flatMap(([table, name]) =>
    ['INSERT', 'UPDATE', 'DELETE'].map((event) =>
      `CREATE TRIGGER reference_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
        BEGIN UPDATE reference_versions SET version = version + 1 WHERE name = '${name}'; END`));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...statements, ...referenceTriggers()]) await sql.raw(statement).execute(db);
  // Everything already recorded.
  for (const statement of [refreshRisks(''), refreshPlans(''), refreshTests(''), refreshActions('')].flatMap((pair) => pair.split('; '))) await sql.raw(statement).execute(db);
}
