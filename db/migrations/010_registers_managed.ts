import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// Registers are managed (created, renamed, closed) and risks move between them, keeping the
// reference they were given: it is printed on papers already sent.

const statements = [
  `ALTER TABLE registers ADD COLUMN closed_on TEXT`,
  `ALTER TABLE registers ADD COLUMN version INTEGER NOT NULL DEFAULT 1`,
  // The next number a new risk is given: stored, so a number is never given twice, even after
  // the risk that had it moved to another register.
  `ALTER TABLE registers ADD COLUMN next_ref_number INTEGER NOT NULL DEFAULT 1`,
  `UPDATE registers SET next_ref_number = 1 + coalesce((SELECT max(ref_number) FROM risks WHERE risks.register_id = registers.id), 0)`,
  // The reference as given (SCCTD-R04), kept for good. ref_number stays the number within the
  // risk's present register; a risk that moved in holds minus its id there, a number nobody sees.
  `ALTER TABLE risks ADD COLUMN reference TEXT`,
  `UPDATE risks SET reference = (SELECT code FROM registers WHERE registers.id = risks.register_id) || '-R' || substr('0' || ref_number, -max(2, length(ref_number)))`,
  `CREATE UNIQUE INDEX risks_reference ON risks(reference COLLATE NOCASE)`,
  // Any insert that does not give a reference (the demo loader, fixtures) gets the one it is numbered as.
  `CREATE TRIGGER risks_reference_given AFTER INSERT ON risks WHEN NEW.reference IS NULL
    BEGIN
      UPDATE risks SET reference = (SELECT code FROM registers WHERE registers.id = NEW.register_id) || '-R' || substr('0' || NEW.ref_number, -max(2, length(NEW.ref_number)))
      WHERE id = NEW.id;
    END`,
  `CREATE TRIGGER risks_reference_kept BEFORE UPDATE OF reference ON risks WHEN OLD.reference IS NOT NULL AND NEW.reference IS NOT OLD.reference
    BEGIN SELECT RAISE(ABORT, 'a risk keeps the reference it was given'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
