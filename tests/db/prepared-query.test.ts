import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import { seedBasicOrganisation, addRisk, type BasicOrganisation } from '../support/fixtures';
import { copyTemplate } from '../support/templates';

// A query compiled once and run with new values must answer as the same query built afresh.
describe('a prepared query', () => {
  let dir: string;
  let handle: DbHandle;
  let org: BasicOrganisation;
  const riskIds: number[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-prepared-'));
    handle = openDatabase(copyTemplate('migrated', path.join(dir, 'prepared.sqlite')));
    org = await seedBasicOrganisation(handle.db);
    for (const [n, title] of ['Loss of the York lease', 'Loss of payroll', 'Flooding at Leeds'].entries()) {
      riskIds.push(await addRisk(handle.db, org, { title, current_likelihood: n + 2 }));
    }
  });
  afterAll(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Values among constants (the status, the limit) and inside a sql`` fragment, one used twice.
  const risksOf = preparedQuery<{ registerId: number; minimum: number; word: string }>()((db, value) => db
    .selectFrom('risks')
    .select(['id', 'title'])
    .where('register_id', '=', value('registerId'))
    .where('status', '=', 'open')
    .where('current_likelihood', '>=', value('minimum'))
    .where(sql<boolean>`instr(lower(title), ${value('word')}) > 0 OR ${value('word')} = ''`)
    .orderBy('id')
    .limit(10));

  const builtAfresh = (registerId: number, minimum: number, word: string) => handle.db
    .selectFrom('risks')
    .select(['id', 'title'])
    .where('register_id', '=', registerId)
    .where('status', '=', 'open')
    .where('current_likelihood', '>=', minimum)
    .where(sql<boolean>`instr(lower(title), ${word}) > 0 OR ${word} = ''`)
    .orderBy('id')
    .limit(10)
    .execute();

  it('answers each call with its own values, as the query built afresh does', async () => {
    for (const [minimum, word] of [[1, ''], [3, ''], [1, 'loss'], [4, 'loss'], [1, 'nothing like it']] as const) {
      expect(await risksOf(handle.db, { registerId: org.divisionRegisterId, minimum, word })).toEqual(await builtAfresh(org.divisionRegisterId, minimum, word));
    }
    expect((await risksOf(handle.db, { registerId: org.divisionRegisterId, minimum: 3, word: 'loss' })).map((r) => r.id)).toEqual([riskIds[1]]);
  });

  it('runs inside a transaction, and sees its writes', async () => {
    const seen = await handle.db.transaction().execute(async (tx) => {
      await tx.updateTable('risks').set({ title: 'Loss of the Leeds lease' }).where('id', '=', riskIds[2] as number).execute();
      return risksOf(tx, { registerId: org.divisionRegisterId, minimum: 1, word: 'leeds lease' });
    });
    expect(seen.map((r) => r.id)).toEqual([riskIds[2]]);
  });

  it('refuses a value written into the SQL text, where another call could not change it', async () => {
    const literal = preparedQuery<{ word: string }>()((db, value) => db.selectFrom('risks').select('id').where(sql<boolean>`title = ${sql.lit(value('word'))}`));
    await expect(literal(handle.db, { word: 'x' })).rejects.toThrow(/into the SQL text/);
  });
});
