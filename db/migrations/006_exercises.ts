import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// Exercises of business continuity plans, the findings they raise, and the risks a plan
// responds to. Which exercises are due is computed when read (server/domain/exercise-due.ts).

const statements = [
  `CREATE TABLE exercises (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    -- The approved version exercised; NULL when the plan had no approved version yet (its draft).
    plan_version_number INTEGER,
    type TEXT NOT NULL CHECK (type IN ('call_cascade','tabletop','live','real_invocation')),
    status TEXT NOT NULL CHECK (status IN ('planned','completed','cancelled','missed')),
    planned_on TEXT,
    held_on TEXT,
    coordinator_id INTEGER REFERENCES people(id),
    participants TEXT NOT NULL DEFAULT '',
    scenario TEXT NOT NULL DEFAULT '',
    objectives TEXT NOT NULL DEFAULT '',
    result TEXT CHECK (result IN ('passed','passed_with_issues','failed')),
    recovery_hours REAL CHECK (recovery_hours >= 0),
    lessons TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    FOREIGN KEY (plan_id, plan_version_number) REFERENCES plan_versions(plan_id, number),
    -- Exercises are planned; real invocations happen, and are recorded once they have.
    CHECK (planned_on IS NOT NULL OR type = 'real_invocation'),
    CHECK (type <> 'real_invocation' OR status = 'completed'),
    -- A completed exercise has a date held and a result; nothing else has a result.
    CHECK ((status = 'completed') = (held_on IS NOT NULL AND result IS NOT NULL))
  )`,
  `CREATE INDEX exercises_plan ON exercises(plan_id, type, status)`,
  `CREATE TABLE exercise_findings (
    id INTEGER PRIMARY KEY,
    exercise_id INTEGER NOT NULL REFERENCES exercises(id),
    description TEXT NOT NULL,
    owner_id INTEGER REFERENCES people(id),
    due_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('open','in_progress','closed')),
    -- The approved plan version that fixed it, of the exercise's plan (checked by the form).
    closed_by_version_number INTEGER,
    closed_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    CHECK ((status = 'closed') = (closed_by_version_number IS NOT NULL AND closed_on IS NOT NULL))
  )`,
  `CREATE INDEX exercise_findings_exercise ON exercise_findings(exercise_id, status)`,
  `CREATE TABLE plan_risks (
    risk_id INTEGER NOT NULL REFERENCES risks(id),
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (risk_id, plan_id)
  )`,
  `CREATE INDEX plan_risks_plan ON plan_risks(plan_id)`,
];

/** Months between exercises of each type (DOMAIN.md); another branch may seed them too. */
const EXERCISE_CADENCE_DEFAULTS = {
  exercise_months_call_cascade: 6,
  exercise_months_tabletop: 12,
  exercise_months_live: 36,
} as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  for (const [key, months] of Object.entries(EXERCISE_CADENCE_DEFAULTS)) {
    await sql`INSERT OR IGNORE INTO settings (key, value) VALUES (${key}, ${JSON.stringify(months)})`.execute(db);
  }
}
