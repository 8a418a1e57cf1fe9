import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DbHandle } from '../../db/connection';
import { emptyPlanContent } from '../../server/domain/plan-content';
import { approveDraft, insertDraft, insertPlan } from '../../server/queries/plans';
import { seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { copyTemplate } from '../support/templates';

const NOW = '2026-11-23T10:00:00.000Z';
const CHANGE = { actor: { userId: null, name: 'Test' }, at: NOW };
// The outcome as text: better-sqlite3's errors are not always recognised by Jest's toThrow across its sandbox.
const outcome = (query: Promise<unknown>) => query.then(() => 'done', (error: unknown) => String(error));

describe('plan versions in the database', () => {
  let dir: string;
  let handle: DbHandle;
  let org: BasicOrganisation;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-plans-'));
    handle = openDatabase(copyTemplate('migrated', path.join(dir, 'plans.sqlite')));
    org = await seedBasicOrganisation(handle.db);
  });

  afterAll(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function approvedPlan(ref: string): Promise<{ planId: number; versionId: number }> {
    const db = handle.db;
    const planId = await db.transaction().execute((tx) =>
      insertPlan(tx, CHANGE, { node_id: org.unitId, site_id: null, ref, title: 'Plan', owner_id: org.ownerId, protective_marking: 'OFFICIAL' }, emptyPlanContent()),
    );
    const draft = await db.selectFrom('plan_versions').select(['id', 'version']).where('plan_id', '=', planId).executeTakeFirstOrThrow();
    const number = await db.transaction().execute((tx) =>
      approveDraft(tx, CHANGE, { id: planId, ref, node_id: org.unitId }, { draftId: draft.id, draftVersion: draft.version, approverId: org.ownerId, approvedOn: '2026-11-23', nextReviewOn: '2027-11-23', changeSummary: 'First issue' }),
    );
    expect(number).toBe(1);
    return { planId, versionId: draft.id };
  }

  it('refuses to change or delete an approved version', async () => {
    const { versionId } = await approvedPlan('BCP-T1');
    const db = handle.db;
    expect(await outcome(db.updateTable('plan_versions').set({ content: '{}' }).where('id', '=', versionId).execute())).toMatch(/evidence/);
    expect(await outcome(db.updateTable('plan_versions').set({ approved_on: '2026-01-01' }).where('id', '=', versionId).execute())).toMatch(/evidence/);
    expect(await outcome(db.updateTable('plan_versions').set({ status: 'draft', number: null }).where('id', '=', versionId).execute())).toMatch(/evidence/);
    expect(await outcome(db.deleteFrom('plan_versions').where('id', '=', versionId).execute())).toMatch(/evidence/);
    const kept = await db.selectFrom('plan_versions').select(['status', 'content']).where('id', '=', versionId).executeTakeFirstOrThrow();
    expect(kept.status).toBe('approved');
  });

  it('lets an approved version become superseded, and no further', async () => {
    const { versionId } = await approvedPlan('BCP-T2');
    const db = handle.db;
    expect(await outcome(db.updateTable('plan_versions').set({ status: 'superseded' }).where('id', '=', versionId).execute())).toBe('done');
    expect(await outcome(db.updateTable('plan_versions').set({ status: 'approved' }).where('id', '=', versionId).execute())).toMatch(/evidence/);
  });

  it('holds at most one draft per plan', async () => {
    const { planId } = await approvedPlan('BCP-T3');
    const plan = { id: planId, ref: 'BCP-T3', node_id: org.unitId };
    const open = () => handle.db.transaction().execute((tx) => insertDraft(tx, CHANGE, plan, emptyPlanContent(), ''));
    expect(await outcome(open())).toBe('done');
    expect(await outcome(open())).toMatch(/UNIQUE/);
  });

  it('numbers the next approval 2 and supersedes version 1', async () => {
    const { planId } = await approvedPlan('BCP-T4');
    const db = handle.db;
    const plan = { id: planId, ref: 'BCP-T4', node_id: org.unitId };
    const draftId = await db.transaction().execute((tx) => insertDraft(tx, CHANGE, plan, emptyPlanContent(), ''));
    const number = await db.transaction().execute((tx) =>
      approveDraft(tx, CHANGE, plan, { draftId, draftVersion: 1, approverId: org.ownerId, approvedOn: '2026-12-01', nextReviewOn: '2027-12-01', changeSummary: 'New cascade' }),
    );
    expect(number).toBe(2);
    const statuses = await db.selectFrom('plan_versions').select(['number', 'status']).where('plan_id', '=', planId).orderBy('number').execute();
    expect(statuses).toEqual([{ number: 1, status: 'superseded' }, { number: 2, status: 'approved' }]);
    // Both moves are in the audit history, in the same transaction as the approval.
    const events = await db.selectFrom('audit_events').select(['entity_id', 'after']).where('entity_type', '=', 'plan_version').where('action', '=', 'update').where('subject', '=', 'BCP-T4').orderBy('id').execute();
    expect(events.slice(-2).map((e) => JSON.parse(e.after ?? '{}') as Record<string, unknown>)).toEqual([
      { status: 'superseded' },
      expect.objectContaining({ status: 'approved', number: 2, approved_on: '2026-12-01', change_summary: 'New cascade' }),
    ]);
  });

  it('deletes a draft, which is not evidence yet', async () => {
    const { planId } = await approvedPlan('BCP-T5');
    const draftId = await handle.db.transaction().execute((tx) => insertDraft(tx, CHANGE, { id: planId, ref: 'BCP-T5', node_id: org.unitId }, emptyPlanContent(), ''));
    expect(await outcome(handle.db.deleteFrom('plan_versions').where('id', '=', draftId).execute())).toBe('done');
  });
});
