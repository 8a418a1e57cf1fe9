import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// A spreadsheet uploaded for import is kept between its dry run and its apply, so apply reads
// exactly the bytes the dry run showed (docs/spreadsheets.md). Kept a day at most: storing a new
// upload deletes the ones older than that.

const statements = [
  `CREATE TABLE spreadsheet_uploads (
    id INTEGER PRIMARY KEY,
    node_id INTEGER NOT NULL REFERENCES nodes(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL,
    -- Set when applied, in the apply's own transaction: a second apply of the same upload is refused.
    applied_at TEXT,
    -- JSON: how many risks the apply added and changed, for the page it lands on.
    applied_summary TEXT CHECK (applied_summary IS NULL OR json_valid(applied_summary))
  )`,
  `CREATE INDEX spreadsheet_uploads_created ON spreadsheet_uploads(created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
