import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase, restoreDatabase, verifyDatabaseFile } from '../../db/backup';
import { openDatabase } from '../../db/connection';
import { riskFormBody, seedBasicOrganisation } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('backup and restore', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const titlesIn = async (file: string) => {
    const handle = openDatabase(file);
    try {
      return (await handle.db.selectFrom('risks').select('title').execute()).map((r) => r.title);
    } finally {
      await handle.close();
    }
  };

  it('copies a database that is being written to, with every change committed before it started', async () => {
    const org = await seedBasicOrganisation(t.handle.db);
    const dir = path.dirname(t.file);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(riskFormBody(org, { title: `Risk ${written}` })).expect(303);
        written += 1;
      }
    })();
    while (written < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    const committedBefore = written;
    const backupFile = path.join(dir, 'backups', 'during-writes.sqlite');
    await backupDatabase(t.file, backupFile);
    while (written < committedBefore + 20) await new Promise((resolve) => setTimeout(resolve, 5));
    writing = false;
    await writer;

    const backedUp = await titlesIn(backupFile);
    expect(backedUp.length).toBeGreaterThanOrEqual(committedBefore);
    // A consistent moment: the first n risks, none missing in between.
    expect(backedUp).toEqual(Array.from({ length: backedUp.length }, (_, n) => `Risk ${n}`));
    expect(backedUp.length).toBeLessThan(written);

    // A copy of the live database as it is now (the file alone would miss what is still in the WAL).
    const target = path.join(dir, 'restored.sqlite');
    await backupDatabase(t.file, target);
    const keptAs = path.join(dir, 'restored.before-restore.sqlite');
    await restoreDatabase(backupFile, target, keptAs);
    expect(await titlesIn(target)).toEqual(backedUp);
    expect((await titlesIn(keptAs)).length).toBe(written);
  });

  it('refuses to overwrite a backup, and to restore a file that is not a Bulwark database', async () => {
    const dir = path.dirname(t.file);
    const existing = path.join(dir, 'existing.sqlite');
    fs.writeFileSync(existing, '');
    await expect(backupDatabase(t.file, existing).then(() => 'copied', (e: unknown) => String(e))).resolves.toMatch(/already exists/);
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all');
    expect(() => verifyDatabaseFile(junk)).toThrow();
    const target = path.join(dir, 'untouched.sqlite');
    await backupDatabase(t.file, target);
    await expect(restoreDatabase(junk, target, path.join(dir, 'kept.sqlite')).then(() => 'restored', (e: unknown) => String(e))).resolves.not.toBe('restored');
    verifyDatabaseFile(target);
  });
});
