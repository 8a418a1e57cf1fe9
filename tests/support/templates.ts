// The database files every suite starts from. Jest's global set-up (global-setup.ts) migrates
// one and loads the demo organisation into a copy of it, once per run; a suite copies a file
// (a few milliseconds) instead of migrating, or loading the demo, again.
// tests/db/migrations.test.ts still migrates an empty file, and checks it matches the template.
import fs from 'node:fs';
import path from 'node:path';
import { migrateToLatest, openDatabase, type Db } from '../../db/connection';
import { demoOrganisation } from '../../scripts/demo/demo-data';
import { loadDemo } from '../../scripts/demo/load';
import { fixedClock } from '../../server/clock';

/** The tests' today; the demo template is loaded as of this day. */
export const TODAY = '2026-11-23';

/** `migrated`: every migration, no rows but the migrations' own. `demo`: that and the demo organisation. */
export type Template = 'migrated' | 'demo';

/** How the global set-up, in Jest's parent process, tells the test workers where it left the files. */
export const TEMPLATES_DIR_VARIABLE = 'BULWARK_TEST_TEMPLATES';

const fileIn = (dir: string, template: Template) => path.join(dir, `${template}.sqlite`);

/** Makes both templates in `dir`, each one self-contained file. */
export async function makeTemplates(dir: string): Promise<void> {
  await build(fileIn(dir, 'migrated'), (db) => migrateToLatest(db));
  fs.copyFileSync(fileIn(dir, 'migrated'), fileIn(dir, 'demo'));
  await build(fileIn(dir, 'demo'), (db) => loadDemo(db, fixedClock(TODAY), demoOrganisation));
}

async function build(file: string, fill: (db: Db) => Promise<unknown>): Promise<void> {
  const handle = openDatabase(file);
  try {
    await fill(handle.db);
  } finally {
    await handle.close();
  }
  // Closing the last connection writes the WAL back into the file and deletes it; a copy of the
  // file alone must be the whole database.
  if (fs.existsSync(`${file}-wal`)) throw new Error(`${file} still has a WAL after closing; copies of it would be incomplete`);
}

/** Copies a template to `file` (which must not exist yet), keeping its owner-only mode; returns `file`. */
export function copyTemplate(template: Template, file: string): string {
  const dir = process.env[TEMPLATES_DIR_VARIABLE];
  if (!dir) throw new Error(`${TEMPLATES_DIR_VARIABLE} is not set: run the tests with Jest, whose global set-up (tests/support/global-setup.ts) makes the template databases`);
  fs.copyFileSync(fileIn(dir, template), file, fs.constants.COPYFILE_EXCL);
  return file;
}
