import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// Evidence keeps the words and colours it was recorded with. A review stores the level its
// current score had in the matrix of the day (name, colour, text colour), so an admin's later
// matrix change does not re-rate past quarters; an approved plan version stores the cadences
// and settings it was approved under.

const statements = [
  `ALTER TABLE reviews ADD COLUMN level_rank INTEGER`,
  `ALTER TABLE reviews ADD COLUMN level_name TEXT`,
  `ALTER TABLE reviews ADD COLUMN level_colour TEXT`,
  `ALTER TABLE reviews ADD COLUMN level_text_colour TEXT`,
  // Reviews already recorded take the matrix as it stands now, the best record there is. The
  // evidence trigger is lifted for this one backfill and put back exactly as it was.
  `DROP TRIGGER reviews_no_update`,
  `UPDATE reviews SET (level_rank, level_name, level_colour, level_text_colour) = (
     SELECT l.rank, l.name, l.colour, l.text_colour
     FROM matrix_cells c JOIN matrix_levels l ON l.rank = c.level_rank
     WHERE c.likelihood = reviews.current_likelihood AND c.impact = reviews.current_impact)`,
  `CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
    BEGIN SELECT RAISE(ABORT, 'reviews are evidence and cannot be changed'); END`,
  // JSON of the settings in force when the version was approved; NULL for versions approved before this.
  `ALTER TABLE plan_versions ADD COLUMN settings_at_approval TEXT`,
  `CREATE TRIGGER plan_versions_settings_frozen BEFORE UPDATE ON plan_versions
    WHEN OLD.status <> 'draft' AND NEW.settings_at_approval IS NOT OLD.settings_at_approval
    BEGIN SELECT RAISE(ABORT, 'approved plan versions are evidence and cannot be changed'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
