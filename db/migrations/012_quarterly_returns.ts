import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// The quarterly return (docs/quarterly-returns.md): one row per register and quarter from its
// submission on (a quarter with no row is a draft), its timeline of events, HQ's challenges and
// the answers to them, and the snapshot frozen at submission. Everything but the return's own
// state is evidence: the database refuses to change or delete it.

const refuse = (table: string, what: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${what} are evidence and cannot be changed'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${what} are evidence and cannot be deleted'); END`,
];

const statements = [
  `CREATE TABLE returns (
    id INTEGER PRIMARY KEY,
    register_id INTEGER NOT NULL REFERENCES registers(id),
    fy_year INTEGER NOT NULL,
    fy_quarter INTEGER NOT NULL CHECK (fy_quarter BETWEEN 1 AND 4),
    state TEXT NOT NULL CHECK (state IN ('submitted','challenged','responded','accepted')),
    version INTEGER NOT NULL DEFAULT 1,
    submitted_at TEXT NOT NULL,
    submitted_by_user_id INTEGER REFERENCES users(id),
    submitted_by_name TEXT NOT NULL,
    accepted_at TEXT,
    accepted_by_name TEXT,
    -- Counted from the snapshot when it is taken, so HQ's table sums them without reading it.
    findings_count INTEGER NOT NULL DEFAULT 0,
    risks_count INTEGER NOT NULL DEFAULT 0,
    -- One return per register and quarter: of two submissions at once, the second fails here.
    UNIQUE (register_id, fy_year, fy_quarter)
  )`,
  `CREATE INDEX returns_quarter ON returns(fy_year, fy_quarter, state)`,
  `CREATE TRIGGER returns_no_delete BEFORE DELETE ON returns
    BEGIN SELECT RAISE(ABORT, 'returns are evidence and cannot be deleted'); END`,
  // The quarter and register a return is for, and who submitted it when, never change.
  `CREATE TRIGGER returns_identity_kept BEFORE UPDATE OF register_id, fy_year, fy_quarter, submitted_at, submitted_by_user_id, submitted_by_name ON returns
    BEGIN SELECT RAISE(ABORT, 'a return keeps its register, quarter and submission'); END`,
  `CREATE TABLE return_events (
    id INTEGER PRIMARY KEY,
    return_id INTEGER NOT NULL REFERENCES returns(id),
    at TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('submitted','challenged','responded','accepted')),
    note TEXT NOT NULL DEFAULT ''
  )`,
  `CREATE INDEX return_events_return ON return_events(return_id, id)`,
  ...refuse('return_events', 'return events'),
  `CREATE TABLE return_challenges (
    id INTEGER PRIMARY KEY,
    return_id INTEGER NOT NULL REFERENCES returns(id),
    -- Against the whole return, one risk of the snapshot, or one finding (its code on a risk).
    target TEXT NOT NULL CHECK (target IN ('return','risk','finding')),
    risk_id INTEGER REFERENCES risks(id),
    risk_reference TEXT,
    finding_code TEXT,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at TEXT NOT NULL,
    created_by_user_id INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL,
    CHECK ((target = 'return') = (risk_id IS NULL)),
    CHECK ((target = 'finding') = (finding_code IS NOT NULL))
  )`,
  `CREATE INDEX return_challenges_return ON return_challenges(return_id, id)`,
  ...refuse('return_challenges', 'challenges'),
  `CREATE TABLE return_answers (
    id INTEGER PRIMARY KEY,
    -- One answer to each challenge: a second is refused here even if two arrive at once.
    challenge_id INTEGER NOT NULL UNIQUE REFERENCES return_challenges(id),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    -- "See the change made since": the risk whose history shows it.
    risk_id INTEGER REFERENCES risks(id),
    created_at TEXT NOT NULL,
    created_by_user_id INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL
  )`,
  ...refuse('return_answers', 'answers to challenges'),
  `CREATE TABLE return_snapshots (
    id INTEGER PRIMARY KEY,
    return_id INTEGER NOT NULL UNIQUE REFERENCES returns(id),
    taken_at TEXT NOT NULL,
    -- Canonical JSON (keys sorted) and the SHA-256 of exactly those UTF-8 bytes, in hex.
    json TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    -- The level colours the snapshot's ratings had ([[colour, text colour], ...]): the stylesheet
    -- defines a class for each without reading every snapshot.
    level_colours TEXT NOT NULL DEFAULT '[]'
  )`,
  ...refuse('return_snapshots', 'return snapshots'),
  `INSERT OR IGNORE INTO settings (key, value) VALUES ('return_deadline_days', '15')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
