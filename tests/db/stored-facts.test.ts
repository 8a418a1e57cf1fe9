import { demoOrganisation } from '../../scripts/demo/demo-data';
import { loadDemo } from '../../scripts/demo/load';
import { fixedClock } from '../../server/clock';
import { riskFormValues } from '../../server/forms/risk-form';
import { findRisk, type RiskDetailRow } from '../../server/queries/risks';
import { formFields, hiddenBase } from '../support/forms';
import { actionFactsBothWays, planFactsBothWays, riskFactsBothWays } from '../support/facts-from-scratch';
import { completeOverdueAction, editRisk, recordReview } from '../support/fact-changes';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

// The stored facts (migration 008_stored_facts) must always equal the rules computed from
// scratch: after loading the demo organisation (every state of a risk, a plan and a test), and
// after every kind of change that moves them, each made through the app as a person would.
describe('stored facts equal the rules computed from scratch', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await loadDemo(t.handle.db, fixedClock(TODAY), demoOrganisation);
  });
  afterAll(() => t.close());

  async function expectFactsRight(today = TODAY): Promise<void> {
    const risks = await riskFactsBothWays(t.handle.db, today);
    expect(risks.count).toBeGreaterThan(0);
    expect(risks.stored).toEqual(risks.scratch);
    const plans = await planFactsBothWays(t.handle.db, today);
    expect(plans.count).toBeGreaterThan(0);
    expect(plans.stored).toEqual(plans.scratch);
    const actions = await actionFactsBothWays(t.handle.db);
    expect(actions.count).toBeGreaterThan(0);
    expect(actions.stored).toEqual(actions.scratch);
  }

  /** The stored facts as they stand, to show a change moved them (so the comparison is not of two unchanged tables). */
  const snapshot = async () => JSON.stringify([
    await t.handle.db.selectFrom('risk_facts').selectAll().orderBy('risk_id').execute(),
    await t.handle.db.selectFrom('plan_test_facts').selectAll().orderBy('plan_id').orderBy('type').execute(),
  ]);

  const openRisk = async (offset = 0) =>
    t.handle.db.selectFrom('risks').selectAll().where('status', '=', 'open').orderBy('id').offset(offset).limit(1).executeTakeFirstOrThrow();

  it('after the demo organisation is loaded, and on other days than the one it was loaded on', async () => {
    await expectFactsRight();
    // Review states, missed tests and amber dates move with today alone: the SQL judges them from the stored dates.
    for (const day of ['2026-12-31', '2027-01-01', '2027-02-14', '2027-06-30', '2027-11-23']) await expectFactsRight(day);
  });

  it('after a review is recorded, and after one closes its risk', async () => {
    const risk = await openRisk();
    await recordReview(t, risk, { likelihood: 5, impact: 5, commentary: 'Worse than last quarter', stillValid: 'yes' });
    const closing = await openRisk(1);
    await recordReview(t, closing, { likelihood: 1, impact: 1, commentary: 'No longer a risk', stillValid: 'no' });
    await expectFactsRight();
  });

  it('after an action is completed', async () => {
    await completeOverdueAction(t);
    await expectFactsRight();
  });

  it('after a risk is edited: rescored, moved to another category and closed', async () => {
    const risk = await openRisk(2);
    const category = await t.handle.db.selectFrom('categories').select('id').where('id', '!=', risk.category_id).orderBy('appetite_rank').executeTakeFirstOrThrow();
    await editRisk(t, risk.id, { current_likelihood: '4', current_impact: '5', category_id: String(category.id) });
    await expectFactsRight();
    const closing = await openRisk(4);
    await t.http.post(`/risks/${closing.id}`).type('form').send({ ...riskFormValues(await findRisk(t.handle.db, closing.id) as RiskDetailRow), status: 'closed', closed_on: TODAY, closure_reason: 'Merged into another risk' }).expect(303);
    await expectFactsRight();
  });

  it('after a matrix edit changes cell levels', async () => {
    const before = await snapshot();
    const fields = formFields((await t.http.get('/admin/matrix').expect(200)).text);
    await t.http.post('/admin/matrix').type('form').send({ ...fields, cell_2_2: '1', cell_3_4: '4', cell_3_5: '4', cell_4_4: '4', cell_4_5: '4', cell_5_4: '4', cell_5_5: '4' }).expect(303);
    expect(await snapshot()).not.toBe(before);
    await expectFactsRight();
  });

  it('after an appetite changes', async () => {
    const before = await snapshot();
    const category = await t.handle.db.selectFrom('categories').selectAll().where('name', '=', 'Operational').executeTakeFirstOrThrow();
    const form = await t.http.get(`/admin/categories/${category.id}/edit`).expect(200);
    await t.http.post(`/admin/categories/${category.id}`).type('form').send({ ...formFields(form.text), appetite_rank: '1' }).expect(303);
    expect(await snapshot()).not.toBe(before);
    await expectFactsRight();
  });

  it('after a settings edit: the financial year, review cadences and exercise cadences', async () => {
    const before = await snapshot();
    const fields = formFields((await t.http.get('/admin/settings').expect(200)).text);
    await t.http.post('/admin/settings').type('form').send({ ...fields, fy_start_month: '1', review_cadence_unit: '6', exercise_months_tabletop: '6', exercise_months_call_cascade: '3' }).expect(303);
    expect(await snapshot()).not.toBe(before);
    await expectFactsRight();
  });

  it('after a plan is approved, and a section of it saved into a new draft', async () => {
    const plan = await t.handle.db.selectFrom('plans').selectAll().where('title', '=', 'Extradition Unit business continuity plan').executeTakeFirstOrThrow();
    const draft = await t.handle.db.selectFrom('plan_versions').selectAll().where('plan_id', '=', plan.id).where('status', '=', 'draft').executeTakeFirstOrThrow();
    const approver = await t.handle.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.http.post(`/plans/${plan.id}/approve`).type('form').send({
      draft_id: String(draft.id), version: String(draft.version), approver_id: String(approver.id), approved_on: TODAY, change_summary: 'First issue',
    }).expect(303);
    await expectFactsRight();
    const section = await t.http.get(`/plans/${plan.id}/sections/exercising/edit`).expect(200);
    const fields = formFields(section.text);
    await t.http.post(`/plans/${plan.id}/sections/exercising`).type('form').send({ ...fields, maintenance: 'Reviewed after every exercise' }).expect(303);
    await expectFactsRight();
  });

  it('after an exercise is planned, its outcome recorded, and another missed', async () => {
    const plan = await t.handle.db.selectFrom('plan_facts').selectAll().where('approved_number', 'is not', null).where('retired', '=', 0).orderBy('plan_id').executeTakeFirstOrThrow();
    const coordinator = await t.handle.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.http.post(`/plans/${plan.plan_id}/exercises`).type('form').send({
      happened: 'no', type: 'tabletop', exercise_on: '2026-11-10', plan_version_number: String(plan.approved_number), coordinator_id: String(coordinator.id), participants: 'Everyone', scenario: 'Flood', objectives: 'Reach everyone',
    }).expect(303);
    const exercise = await t.handle.db.selectFrom('exercises').selectAll().where('plan_id', '=', plan.plan_id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    // Its date has passed with no result: missed, by today's judgement alone.
    await expectFactsRight();
    const form = await t.http.get(`/exercises/${exercise.id}/edit?outcome=1`).expect(200);
    await t.http.post(`/exercises/${exercise.id}`).type('form').send({
      type: 'tabletop', status: 'completed', planned_on: '2026-11-10', held_on: '2026-11-12', plan_version_number: String(plan.approved_number), coordinator_id: '',
      result: 'passed', recovery_hours: '3', lessons: '', version: String(exercise.version), base: hiddenBase(form.text),
    }).expect(303);
    await expectFactsRight();
  });

  it('after changes made straight in the database, as scripts and tests make them', async () => {
    const risk = await openRisk(3);
    await t.handle.db.insertInto('reviews').values({
      risk_id: risk.id, fy_year: 2026, fy_quarter: 3, reviewed_on: TODAY, reviewer_id: null, inherent_likelihood: 3, inherent_impact: 3,
      current_likelihood: 2, current_impact: 2, target_likelihood: 1, target_impact: 1, current_score: 4, direction: 'down', commentary: 'By hand',
      mitigating_action: '', further_action: '', still_valid: 1,
    }).execute();
    await t.handle.db.updateTable('risks').set({ current_likelihood: 2, current_impact: 2 }).where('id', '=', risk.id).execute();
    const node = await t.handle.db.selectFrom('nodes').select('id').where('kind', '=', 'unit').orderBy('id').executeTakeFirstOrThrow();
    await t.handle.db.updateTable('registers').set({ kind: 'project' }).where('node_id', '=', node.id).execute();
    await t.handle.db.updateTable('plans').set({ retired_on: TODAY }).where('node_id', '=', node.id).execute();
    await expectFactsRight();
  });
});
