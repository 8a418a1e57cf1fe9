import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { migrateToLatest, openDatabase } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { addRisk, seedBasicOrganisation } from '../support/fixtures';

// Reviews recorded before levels were kept are rated once, by the matrix of the day the
// migration runs, and stay evidence (the trigger is back) afterwards.
describe('migration 009: levels kept with reviews', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-009-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('backfills earlier reviews from the matrix and keeps reviews unchangeable', async () => {
    const handle = openDatabase(path.join(dir, 'old.sqlite'));
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      const before = await migrator.migrateTo('007_security_log');
      expect(before.error).toBeUndefined();
      const org = await seedBasicOrganisation(handle.db);
      const riskId = await addRisk(handle.db, org);
      // A review as an earlier version wrote it: no level columns yet.
      await handle.db.insertInto('reviews').values({
        risk_id: riskId, fy_year: 2026, fy_quarter: 2, reviewed_on: '2026-08-10', reviewer_id: org.managerId,
        inherent_likelihood: 4, inherent_impact: 5, current_likelihood: 5, current_impact: 4, target_likelihood: 2, target_impact: 3,
        current_score: 20, direction: 'new', commentary: 'Lease expires', still_valid: 1,
      } as never).execute();
      await migrateToLatest(handle.db);
      const review = await handle.db.selectFrom('reviews').selectAll().where('risk_id', '=', riskId).executeTakeFirstOrThrow();
      expect([review.level_rank, review.level_name, review.level_colour, review.level_text_colour]).toEqual([4, 'Very high', '#d4351c', '#ffffff']);
      const changed = await handle.db.updateTable('reviews').set({ level_name: 'Low' }).execute().then(() => 'done', (error: unknown) => String(error));
      expect(changed).toMatch(/evidence/);
    } finally {
      await handle.close();
    }
  });
});
