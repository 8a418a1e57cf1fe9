import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.

// Cadences the admin settings page edits. INSERT OR IGNORE: another migration (plans) may
// already have seeded one of them, and an admin's value is never overwritten.
const defaults: Record<string, unknown> = {
  plan_review_months: 12,
  exercise_months_call_cascade: 6,
  exercise_months_tabletop: 12,
  exercise_months_live: 36,
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [key, value] of Object.entries(defaults)) {
    await sql`INSERT OR IGNORE INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)})`.execute(db);
  }
}
