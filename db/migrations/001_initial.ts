import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.

const statements = [
  `CREATE TABLE nodes (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES nodes(id),
    kind TEXT NOT NULL CHECK (kind IN ('organisation','division','unit','team')),
    name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    retired_on TEXT,
    version INTEGER NOT NULL DEFAULT 1
  )`,
  `CREATE INDEX nodes_parent ON nodes(parent_id)`,
  `CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL DEFAULT ''
  )`,
  `CREATE TABLE node_sites (
    node_id INTEGER NOT NULL REFERENCES nodes(id),
    site_id INTEGER NOT NULL REFERENCES sites(id),
    PRIMARY KEY (node_id, site_id)
  )`,
  `CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    job_title TEXT NOT NULL DEFAULT '',
    node_id INTEGER REFERENCES nodes(id)
  )`,
  `CREATE TABLE matrix_levels (
    rank INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    colour TEXT NOT NULL,
    text_colour TEXT NOT NULL
  )`,
  `CREATE TABLE matrix_labels (
    axis TEXT NOT NULL CHECK (axis IN ('likelihood','impact')),
    value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    label TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (axis, value)
  )`,
  `CREATE TABLE matrix_cells (
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    score INTEGER NOT NULL,
    level_rank INTEGER NOT NULL REFERENCES matrix_levels(rank),
    PRIMARY KEY (likelihood, impact)
  )`,
  `CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    appetite_rank INTEGER NOT NULL REFERENCES matrix_levels(rank),
    sort_order INTEGER NOT NULL DEFAULT 0
  )`,
  `CREATE TABLE objectives (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0
  )`,
  `CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
  `CREATE TABLE registers (
    id INTEGER PRIMARY KEY,
    node_id INTEGER NOT NULL REFERENCES nodes(id),
    kind TEXT NOT NULL CHECK (kind IN ('divisional','unit','project','case','thematic')),
    name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE
  )`,
  `CREATE INDEX registers_node ON registers(node_id)`,
  `CREATE TABLE risks (
    id INTEGER PRIMARY KEY,
    register_id INTEGER NOT NULL REFERENCES registers(id),
    ref_number INTEGER NOT NULL,
    title TEXT NOT NULL,
    cause TEXT NOT NULL,
    event TEXT NOT NULL,
    effect TEXT NOT NULL,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    objective_id INTEGER REFERENCES objectives(id),
    owner_id INTEGER REFERENCES people(id),
    manager_id INTEGER REFERENCES people(id),
    identified_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open','closed')),
    closed_on TEXT,
    closure_reason TEXT,
    treatment TEXT NOT NULL CHECK (treatment IN ('treat','tolerate','transfer','terminate')),
    influence TEXT NOT NULL CHECK (influence IN ('within','partly','outside')),
    inherent_likelihood INTEGER NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),
    inherent_impact INTEGER NOT NULL CHECK (inherent_impact BETWEEN 1 AND 5),
    current_likelihood INTEGER NOT NULL CHECK (current_likelihood BETWEEN 1 AND 5),
    current_impact INTEGER NOT NULL CHECK (current_impact BETWEEN 1 AND 5),
    target_likelihood INTEGER NOT NULL CHECK (target_likelihood BETWEEN 1 AND 5),
    target_impact INTEGER NOT NULL CHECK (target_impact BETWEEN 1 AND 5),
    existing_controls TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (register_id, ref_number),
    CHECK ((status = 'closed') = (closed_on IS NOT NULL))
  )`,
  `CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    risk_id INTEGER NOT NULL REFERENCES risks(id),
    description TEXT NOT NULL,
    owner_id INTEGER REFERENCES people(id),
    due_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('not_started','in_progress','completed','cancelled')),
    completed_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    CHECK ((status = 'completed') = (completed_on IS NOT NULL))
  )`,
  `CREATE INDEX actions_risk ON actions(risk_id)`,
  `CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    risk_id INTEGER NOT NULL REFERENCES risks(id),
    fy_year INTEGER NOT NULL,
    fy_quarter INTEGER NOT NULL CHECK (fy_quarter BETWEEN 1 AND 4),
    reviewed_on TEXT NOT NULL,
    reviewer_id INTEGER REFERENCES people(id),
    inherent_likelihood INTEGER NOT NULL,
    inherent_impact INTEGER NOT NULL,
    current_likelihood INTEGER NOT NULL,
    current_impact INTEGER NOT NULL,
    target_likelihood INTEGER NOT NULL,
    target_impact INTEGER NOT NULL,
    current_score INTEGER NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('up','down','same','new')),
    commentary TEXT NOT NULL,
    mitigating_action TEXT NOT NULL DEFAULT '',
    further_action TEXT NOT NULL DEFAULT '',
    still_valid INTEGER NOT NULL CHECK (still_valid IN (0,1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`,
  `CREATE INDEX reviews_risk ON reviews(risk_id, reviewed_on)`,
  // Past reviews are the evidence that registers were reviewed: never edited.
  `CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
    BEGIN SELECT RAISE(ABORT, 'reviews are evidence and cannot be changed'); END`,
  `CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
    BEGIN SELECT RAISE(ABORT, 'reviews are evidence and cannot be deleted'); END`,
];

const levels: [number, string, string, string][] = [
  [1, 'Low', '#00703c', '#ffffff'],
  [2, 'Medium', '#ffdd00', '#0b0c0c'],
  [3, 'High', '#f47738', '#0b0c0c'],
  [4, 'Very high', '#d4351c', '#ffffff'],
];

const likelihoodLabels = [
  ['Rare', 'May occur only in exceptional circumstances (under 5%)'],
  ['Unlikely', 'Could occur at some time (5–20%)'],
  ['Possible', 'Might occur at some time (20–50%)'],
  ['Likely', 'Will probably occur in most circumstances (50–80%)'],
  ['Almost certain', 'Expected to occur in most circumstances (over 80%)'],
];

const impactLabels = [
  ['Negligible', 'Little effect on delivery, cost or reputation'],
  ['Minor', 'Some delay or cost absorbed locally'],
  ['Moderate', 'Noticeable effect on casework, budget or public confidence'],
  ['Major', 'Serious failure of delivery, cost or confidence; external scrutiny'],
  ['Severe', 'Critical failure: miscarriage of justice, harm to people, national attention'],
];

/** Default level of a cell: from the product, as the organisation's 5×5 policy sets out. */
function defaultLevel(score: number): number {
  if (score <= 3) return 1;
  if (score <= 6) return 2;
  if (score <= 12) return 3;
  return 4;
}

// Highest acceptable level per category: most work tolerates High; money, reputation,
// information and safety tolerate no more than Medium.
const categoryAppetites: [string, number][] = [
  ['Strategic', 3],
  ['Operational', 3],
  ['Casework', 3],
  ['Project', 3],
  ['Financial', 2],
  ['People', 3],
  ['Reputational', 2],
  ['Information', 2],
  ['Health and safety', 2],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);

  for (const [rank, name, colour, textColour] of levels) {
    await sql`INSERT INTO matrix_levels (rank, name, colour, text_colour) VALUES (${rank}, ${name}, ${colour}, ${textColour})`.execute(db);
  }
  for (const [axis, labels] of [['likelihood', likelihoodLabels], ['impact', impactLabels]] as const) {
    for (const [index, [label, description]] of labels.entries()) {
      await sql`INSERT INTO matrix_labels (axis, value, label, description) VALUES (${axis}, ${index + 1}, ${label}, ${description})`.execute(db);
    }
  }
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact;
      await sql`INSERT INTO matrix_cells (likelihood, impact, score, level_rank) VALUES (${likelihood}, ${impact}, ${score}, ${defaultLevel(score)})`.execute(db);
    }
  }
  for (const [index, [name, appetite]] of categoryAppetites.entries()) {
    await sql`INSERT INTO categories (name, appetite_rank, sort_order) VALUES (${name}, ${appetite}, ${index})`.execute(db);
  }
  const defaults: Record<string, unknown> = {
    fy_start_month: 4,
    review_cadence_months: { divisional: 3, unit: 3, project: 3, case: 3, thematic: 3 },
  };
  for (const [key, value] of Object.entries(defaults)) {
    await sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)})`.execute(db);
  }
}
