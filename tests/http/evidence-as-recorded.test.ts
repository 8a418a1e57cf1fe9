import { approvePlan } from '../../server/changes/plan-writes';
import { fixedClock } from '../../server/clock';
import { buildPlanPrintDocument } from '../../server/presenters/plan-print';
import { findDraft } from '../../server/queries/plans';
import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { formFields, visibleText } from '../support/forms';
import { addPlan, completePlanContent } from '../support/plan-fixtures';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

// The outcome as text: better-sqlite3's errors are not always recognised by Jest's toThrow across its sandbox.
const outcome = (query: Promise<unknown>) => query.then(() => 'done', (error: unknown) => String(error));

// Evidence shows what was true when it was recorded: a past review keeps its level's name and
// colour after the matrix changes, and an approved plan version keeps its cadences.

describe('evidence stays as recorded', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  it('a matrix change leaves a past review rated as it was, on the page and in the database, while the live risk follows the new matrix', async () => {
    const riskId = await addRisk(t.handle.db, org, { current_likelihood: 3, current_impact: 4 });
    await t.http.post(`/risks/${riskId}/reviews`).type('form').send({
      reviewed_on: '2026-11-20', reviewer_id: String(org.managerId), current_likelihood: '3', current_impact: '4',
      commentary: 'York lease still unsigned', still_valid: 'yes', version: '1',
    }).expect(303);
    const stored = await t.handle.db.selectFrom('reviews').selectAll().where('risk_id', '=', riskId).executeTakeFirstOrThrow();
    expect([stored.level_name, stored.level_colour]).toEqual(['High', '#f47738']);

    // An admin renames level 3 and recolours it.
    const form = await t.http.get('/admin/matrix').expect(200);
    const fields = formFields(form.text);
    await t.http.post('/admin/matrix').type('form').send({ ...fields, level_3_name: 'Serious', level_3_colour: '#912b88', level_3_text_colour: '#ffffff' }).expect(303);

    const page = await t.http.get(`/risks/${riskId}`).expect(200);
    const reviews = page.text.slice(page.text.indexOf('Score then'));
    expect(visibleText(reviews)).toContain('High 12');
    expect(reviews).toContain('bw-recorded-f47738-0b0c0c');
    expect(visibleText(page.text.slice(0, page.text.indexOf('Score then')))).toContain('Serious 12');
    const css = (await t.http.get('/matrix.css').expect(200)).text;
    expect(css).toContain('.bw-recorded-f47738-0b0c0c{background-color:#f47738;color:#0b0c0c}');
    expect(css).toContain('.bw-level-3{background-color:#912b88;color:#ffffff}');
    const after = await t.handle.db.selectFrom('reviews').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect(after).toEqual(stored);
  });

  it('an approved plan version prints the cadences it was approved with, whatever is set later', async () => {
    const planId = await addPlan(t.handle.db, org, 'BCP-TEST-CADENCE', completePlanContent());
    const plan = { id: planId, ref: 'BCP-TEST-CADENCE', node_id: org.unitId };
    await t.handle.db.transaction().execute(async (tx) => {
      const draft = await findDraft(tx, planId);
      if (!draft) throw new Error('no draft');
      await approvePlan(tx, { actor: { userId: null, name: 'Tester' }, at: `${TODAY}T10:00:00.000Z` }, plan, {
        draftId: draft.id, draftVersion: draft.version, approverId: org.ownerId, approvedOn: TODAY, changeSummary: 'First issue',
      });
    });
    await t.handle.db.updateTable('settings').set({ value: '3' }).where('key', '=', 'exercise_months_call_cascade').execute();
    const doc = await buildPlanPrintDocument(t.handle.db, fixedClock(TODAY), planId, { version: 1 });
    const section11 = doc.sections.find((s) => s.number === 11);
    const cadences = section11?.blocks.find((b) => b.kind === 'list' && b.heading === 'Cadences when version 1 was approved');
    expect(cadences).toMatchObject({ items: expect.arrayContaining(['Call cascade and communications test: every 6 months', 'Plan review: every 12 months']) });
    const version = await t.handle.db.selectFrom('plan_versions').select('settings_at_approval').where('plan_id', '=', planId).where('number', '=', 1).executeTakeFirstOrThrow();
    expect(await outcome(t.handle.db.updateTable('plan_versions').set({ settings_at_approval: '{}' }).where('plan_id', '=', planId).where('number', '=', 1).execute())).toMatch(/evidence/);
    expect(JSON.parse(version.settings_at_approval ?? '{}')).toMatchObject({ exerciseMonths: { call_cascade: 6 } });
  });
});
