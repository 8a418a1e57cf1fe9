import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { copyTemplate } from '../support/templates';

// Every other suite starts from a copy of the template the global set-up migrated once; this one
// migrates an empty file, as a new installation does, and checks the template is the same.

const schemaOf = async (db: Db) =>
  (await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master order by type, name`.execute(db)).rows;

describe('the migrations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-migrations-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('bring an empty file to the latest schema, every migration once and in order, and the template every suite copies is that schema', async () => {
    const fresh = openDatabase(path.join(dir, 'fresh.sqlite'));
    const template = openDatabase(copyTemplate('migrated', path.join(dir, 'template.sqlite')));
    try {
      expect(await migrateToLatest(fresh.db)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(fresh.db)).toEqual([]);
      const schema = await schemaOf(fresh.db);
      expect(schema.map((s) => s.name)).toEqual(expect.arrayContaining(['nodes', 'risks', 'plan_versions', 'exercises', 'security_events']));
      expect(await schemaOf(template.db)).toEqual(schema);
    } finally {
      await fresh.close();
      await template.close();
    }
  });
});
