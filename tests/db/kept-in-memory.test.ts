import { openDatabase, type Db, type DbHandle } from '../../db/connection';
import { fixedClock } from '../../server/clock';
import { standingCalendar } from '../../server/domain/exercise-due';
import { reviewCalendar } from '../../server/domain/reviews';
import { riskFormValues } from '../../server/forms/risk-form';
import { buildHomePage } from '../../server/presenters/home-page';
import { buildPlanBoard } from '../../server/presenters/plan-board';
import { buildRegisterPage, registerQuerySchema } from '../../server/presenters/register-page';
import { buildReturnPage, returnPageQuerySchema } from '../../server/presenters/return-pages';
import { escalationSuggestions, escalationSuggestionsNow } from '../../server/queries/escalation-suggestions';
import { currentPlanCountsByNode, planCountsByNode } from '../../server/queries/plan-facts';
import { currentFindings, findingsIn, findingTallies } from '../../server/queries/quality-findings';
import { loadSettings } from '../../server/queries/reference';
import { findRegister } from '../../server/queries/registers';
import { currentCountsByNode, currentRegisterCounts, overdueActionsByNode, registerCounts, riskCountsByNode } from '../../server/queries/risk-facts';
import { findRisk, type RiskDetailRow } from '../../server/queries/risks';
import { formFields, hiddenBase } from '../support/forms';
import { completeOverdueAction, editRisk, recordReview } from '../support/fact-changes';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

// What pages keep in memory until a change counter moves (db/counted-memory.ts) must equal what
// they compute from scratch: after every kind of change that can move it, each made through the
// app as a person would, the app's own handle (which has kept its answers since before the
// change) and a fresh handle on the same file (which has nothing kept) give the same pages.
describe('answers kept in memory equal the answers computed from scratch', () => {
  let t: TestApp;
  let organisationId: number;
  let divisionIds: number[];
  const clock = fixedClock(TODAY);

  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
    organisationId = (await t.handle.db.selectFrom('nodes').select('id').where('kind', '=', 'organisation').executeTakeFirstOrThrow()).id;
    divisionIds = (await t.handle.db.selectFrom('nodes').select('id').where('kind', '=', 'division').orderBy('id').execute()).map((n) => n.id);
    // Everything compared is kept in memory from the start, so each change has something to move.
    await pagesOf(t.handle.db);
  });
  afterAll(() => t.close());

  /** The pages and answers that keep something in memory, as this handle gives them. */
  async function pagesOf(db: Db) {
    const submitted = await db.selectFrom('returns').select(['register_id', 'fy_year', 'fy_quarter']).orderBy('id').execute();
    const returnPages = [];
    for (const r of submitted) {
      const register = await findRegister(db, r.register_id);
      if (!register) throw new Error(`register ${r.register_id} is missing`);
      returnPages.push(await buildReturnPage(db, TODAY, register, { fyYear: r.fy_year, quarter: r.fy_quarter }, { read: true, manage_risks: true }, returnPageQuerySchema.parse({})));
    }
    const everyNode = { scope: 'all' };
    return {
      home: await buildHomePage(db, clock, null),
      registers: await Promise.all([organisationId, ...divisionIds].map((id) => buildRegisterPage(db, clock, id, registerQuerySchema.parse(everyNode), true))),
      filtered: await Promise.all([
        { ...everyNode, review: 'overdue', appetite: 'above' },
        { ...everyNode, actions: 'overdue', l: '4' },
        { ...everyNode, moved: 'up', status: 'all' },
      ].map((query) => buildRegisterPage(db, clock, organisationId, registerQuerySchema.parse(query), true))),
      boards: await Promise.all([organisationId, ...divisionIds].map((id) => buildPlanBoard(db, clock, id))),
      returnPages,
    };
  }

  /** Each kept answer next to the same computed now, on the app's handle. */
  async function answersBothWays(db: Db) {
    const settings = await loadSettings(db);
    const calendar = reviewCalendar(TODAY, settings.fyStartMonth);
    const kept = [];
    const now = [];
    for (const id of [organisationId, ...divisionIds]) {
      kept.push(await escalationSuggestions(db, id, settings.escalationLevelRank), await currentRegisterCounts(db, id === organisationId ? null : [id], calendar));
      now.push(await escalationSuggestionsNow(db, id, settings.escalationLevelRank), await registerCounts(db, id === organisationId ? null : [id], calendar));
    }
    kept.push(await currentCountsByNode(db, TODAY), await currentPlanCountsByNode(db, standingCalendar(TODAY)));
    now.push([await riskCountsByNode(db, TODAY), await overdueActionsByNode(db, TODAY)], await planCountsByNode(db, standingCalendar(TODAY)));
    return { kept, now };
  }

  async function expectKeptRight(): Promise<void> {
    const kept = await pagesOf(t.handle.db);
    let fresh: DbHandle | undefined;
    try {
      fresh = openDatabase(t.file);
      expect(kept).toEqual(await pagesOf(fresh.db));
    } finally {
      await fresh?.close();
    }
    const answers = await answersBothWays(t.handle.db);
    expect(answers.kept).toEqual(answers.now);
  }

  const openRisk = async (offset = 0) =>
    t.handle.db.selectFrom('risks').selectAll().where('status', '=', 'open').orderBy('current_likelihood', 'desc').orderBy('id').offset(offset).limit(1).executeTakeFirstOrThrow();

  it('as the demo organisation is loaded, with suggestions, plans and submitted returns to keep', async () => {
    const pages = await pagesOf(t.handle.db);
    expect(pages.returnPages.length).toBeGreaterThan(0);
    expect(pages.boards[0]?.rows.length).toBeGreaterThan(0);
    await expectKeptRight();
  });

  it('tallies findings as counting them one by one does, and lists them in register order', async () => {
    const findings = await currentFindings(t.handle.db, { nodeIds: null }, TODAY);
    expect(findings.length).toBeGreaterThan(0);
    const tallies = findingTallies(findings);
    expect(findingTallies(findings)).toBe(tallies);
    for (const f of findings) {
      expect(tallies.perRisk.get(f.riskId)).toBe(findings.filter((g) => g.riskId === f.riskId).length);
      expect(tallies.perNode.get(f.nodeId)).toEqual({
        findings: findings.filter((g) => g.nodeId === f.nodeId).length,
        likelyDuplicates: findings.filter((g) => g.nodeId === f.nodeId && g.code === 'likely-duplicate').length,
      });
      expect(tallies.perCode.get(f.code)).toBe(findings.filter((g) => g.code === f.code).length);
    }
    expect(tallies.risks).toBe(new Set(findings.map((f) => f.riskId)).size);
    expect(await findingsIn(t.handle.db, { nodeIds: null }, TODAY)).toEqual(findings);
    // In register order, numbers by value (R-9 before R-10), as localeCompare with numeric collation orders them.
    const references = [...new Set(findings.map((f) => f.reference))];
    expect(references).toEqual([...references].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });

  it('after a review is recorded, and after one closes its risk', async () => {
    const risk = await openRisk();
    await recordReview(t, risk, { likelihood: 5, impact: 5, commentary: 'Worse than last quarter', stillValid: 'yes' });
    await expectKeptRight();
    const closing = await openRisk(1);
    await recordReview(t, closing, { likelihood: 1, impact: 1, commentary: 'No longer a risk', stillValid: 'no' });
    await expectKeptRight();
  });

  it('after an action is completed', async () => {
    await completeOverdueAction(t);
    await expectKeptRight();
  });

  it('after a risk is edited: rescored and closed', async () => {
    const risk = await openRisk(2);
    await editRisk(t, risk.id, { current_likelihood: '1', current_impact: '2' });
    await expectKeptRight();
    const closing = await openRisk(3);
    await t.http.post(`/risks/${closing.id}`).type('form').send({ ...riskFormValues(await findRisk(t.handle.db, closing.id) as RiskDetailRow), status: 'closed', closed_on: TODAY, closure_reason: 'Merged into another risk' }).expect(303);
    await expectKeptRight();
  });

  it('after a suggested escalation is dismissed', async () => {
    const settings = await loadSettings(t.handle.db);
    const withSuggestion = [];
    for (const id of [organisationId, ...divisionIds]) {
      const suggestions = await escalationSuggestions(t.handle.db, id, settings.escalationLevelRank);
      if (suggestions[0]) withSuggestion.push({ id, riskId: suggestions[0].riskId });
    }
    const first = withSuggestion[0];
    if (!first) throw new Error('the demo organisation suggests no escalation');
    const form = await t.http.get(`/nodes/${first.id}/suggestions/dismiss?risk=${first.riskId}`).expect(200);
    await t.http.post(`/nodes/${first.id}/suggestions/dismiss`).type('form').send({ ...formFields(form.text), risk: String(first.riskId), reason: 'Handled locally' }).expect(303);
    expect((await escalationSuggestions(t.handle.db, first.id, settings.escalationLevelRank)).some((s) => s.riskId === first.riskId)).toBe(false);
    await expectKeptRight();
  });

  it('after a matrix edit changes cell levels', async () => {
    const fields = formFields((await t.http.get('/admin/matrix').expect(200)).text);
    await t.http.post('/admin/matrix').type('form').send({ ...fields, cell_2_2: '1', cell_3_4: '4', cell_3_5: '4', cell_4_4: '4', cell_4_5: '4', cell_5_4: '4', cell_5_5: '4' }).expect(303);
    await expectKeptRight();
  });

  it('after a settings edit: the financial year, cadences and escalation levels', async () => {
    const fields = formFields((await t.http.get('/admin/settings').expect(200)).text);
    await t.http.post('/admin/settings').type('form').send({ ...fields, fy_start_month: '1', review_cadence_unit: '6', exercise_months_tabletop: '6' }).expect(303);
    await expectKeptRight();
  });

  it('after a plan is approved, and a section of it saved into a new draft', async () => {
    const draft = await t.handle.db.selectFrom('plan_versions').selectAll().where('status', '=', 'draft').orderBy('id').executeTakeFirstOrThrow();
    const approver = await t.handle.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.http.post(`/plans/${draft.plan_id}/approve`).type('form').send({
      draft_id: String(draft.id), version: String(draft.version), approver_id: String(approver.id), approved_on: TODAY, change_summary: 'First issue',
    }).expect(303);
    await expectKeptRight();
    const section = await t.http.get(`/plans/${draft.plan_id}/sections/exercising/edit`).expect(200);
    await t.http.post(`/plans/${draft.plan_id}/sections/exercising`).type('form').send({ ...formFields(section.text), maintenance: 'Reviewed after every exercise' }).expect(303);
    await expectKeptRight();
  });

  it('after an exercise is planned, its outcome recorded, and findings of exercises fall overdue', async () => {
    const plan = await t.handle.db.selectFrom('plan_facts').selectAll().where('approved_number', 'is not', null).where('retired', '=', 0).orderBy('plan_id').executeTakeFirstOrThrow();
    const coordinator = await t.handle.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.http.post(`/plans/${plan.plan_id}/exercises`).type('form').send({
      happened: 'no', type: 'tabletop', exercise_on: '2026-11-10', plan_version_number: String(plan.approved_number), coordinator_id: String(coordinator.id), participants: 'Everyone', scenario: 'Flood', objectives: 'Reach everyone',
    }).expect(303);
    await expectKeptRight();
    const exercise = await t.handle.db.selectFrom('exercises').selectAll().where('plan_id', '=', plan.plan_id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const form = await t.http.get(`/exercises/${exercise.id}/edit?outcome=1`).expect(200);
    await t.http.post(`/exercises/${exercise.id}`).type('form').send({
      type: 'tabletop', status: 'completed', planned_on: '2026-11-10', held_on: '2026-11-12', plan_version_number: String(plan.approved_number), coordinator_id: '',
      result: 'passed', recovery_hours: '3', lessons: '', version: String(exercise.version), base: hiddenBase(form.text),
    }).expect(303);
    await expectKeptRight();
    // Straight in the database, as a script would: the open findings of exercises fall overdue.
    const moved = await t.handle.db.updateTable('exercise_findings').set({ due_on: '2026-01-05' }).where('status', '!=', 'closed').executeTakeFirst();
    expect(Number(moved.numUpdatedRows)).toBeGreaterThan(0);
    await expectKeptRight();
  });

  it('after changes made straight in the database, as scripts and tests make them', async () => {
    const risk = await openRisk(4);
    await t.handle.db.updateTable('risks').set({ current_likelihood: 1, current_impact: 1 }).where('id', '=', risk.id).execute();
    await t.handle.db.updateTable('actions').set({ status: 'completed', completed_on: TODAY }).where('risk_id', '=', risk.id).execute();
    const unit = await t.handle.db.selectFrom('nodes').select('id').where('kind', '=', 'unit').orderBy('id').executeTakeFirstOrThrow();
    await t.handle.db.updateTable('plans').set({ retired_on: TODAY }).where('node_id', '=', unit.id).execute();
    await t.handle.db.updateTable('nodes').set({ name: 'Renamed unit' }).where('id', '=', unit.id).execute();
    // The owner with most risks, whose name the owner filter lists.
    const owner = await t.handle.db.selectFrom('risks').select('owner_id').where('owner_id', 'is not', null).groupBy('owner_id').orderBy((eb) => eb.fn.countAll(), 'desc').executeTakeFirstOrThrow();
    await t.handle.db.updateTable('people').set({ name: 'Renamed owner' }).where('id', '=', owner.owner_id).execute();
    await expectKeptRight();
  });
});
