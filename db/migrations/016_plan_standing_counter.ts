import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one instead.
// A change counter for the plans' standing (db/counted-memory.ts), as 011 made for findings:
// moved in the same transaction by any change to what the coordinator's board and the home
// page's plan counts read (the stored plan and test facts, exercises and their findings, the
// plans' names and the tree), so their aggregates are kept in memory between changes instead of
// judging every test of 300 plans on each view. Exercises and their findings are not among what
// the 'findings' counter watches, hence a counter of their own.

const statements = [
  `INSERT INTO change_counters (name, version) VALUES ('plans', 1)`,
  ...['plan_facts', 'plan_test_facts', 'exercises', 'exercise_findings', 'plans', 'nodes'].flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map((event) => `CREATE TRIGGER plans_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
      BEGIN UPDATE change_counters SET version = version + 1 WHERE name = 'plans'; END`)),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
