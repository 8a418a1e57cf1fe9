import { fixedClock } from '../../server/clock';
import { buildPlanPrintDocument } from '../../server/presenters/plan-print';
import { linkPlanToRisk } from '../../server/queries/plan-risks';
import { addExercise, addPlanWithApprovals } from '../support/exercise-fixtures';
import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { visibleText } from '../support/forms';
import { FIXTURE_CHANGE } from '../support/plan-fixtures';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';
import { signInWith } from '../support/users';

// Today is 2026-11-23. The plans below require call cascades (6 months) and tabletops (12 months).

describe('the coordinator’s board, the home page, risks and the calendar', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  const plans = { onTrack: 0, neverTested: 0, missed: 0, dueSoon: 0, draftOnly: 0 };

  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    const db = t.handle.db;
    // On track: approved last month, nothing due for months.
    plans.onTrack = await addPlanWithApprovals(db, org, { approvals: ['2026-10-01'], title: 'On track plan' });
    // Never tested since its approval in January 2025: every test overdue, its review too.
    plans.neverTested = await addPlanWithApprovals(db, org, { approvals: ['2025-01-10'], title: 'Never tested plan' });
    // A tabletop planned for 1 November with no result: missed.
    plans.missed = await addPlanWithApprovals(db, org, { approvals: ['2026-01-01'], title: 'Missed plan', nodeId: org.divisionId });
    await addExercise(db, plans.missed, { type: 'call_cascade', status: 'completed', planned_on: '2026-09-01', held_on: '2026-09-01', result: 'passed' });
    await addExercise(db, plans.missed, { type: 'tabletop', planned_on: '2026-11-01' });
    // Call cascade due on 5 December with nothing planned: amber.
    plans.dueSoon = await addPlanWithApprovals(db, org, { approvals: ['2026-06-01'], title: 'Due soon plan' });
    await addExercise(db, plans.dueSoon, { type: 'call_cascade', status: 'completed', planned_on: '2026-06-05', held_on: '2026-06-05', result: 'passed' });
    await addExercise(db, plans.dueSoon, { type: 'tabletop', planned_on: '2027-02-10', scenario: 'Loss of Rose Court, the case management system, and half the staff; a long scenario that must be folded in the calendar' });
    // Never approved: nothing due.
    plans.draftOnly = await addPlanWithApprovals(db, org, { title: 'Draft only plan' });
  });
  afterAll(() => t.close());

  it('lists every plan at or below the node worst first, with each test’s last and next date', async () => {
    const res = await t.http.get(`/nodes/${org.divisionId}/plans/board`).expect(200);
    const text = visibleText(res.text);
    const order = ['Never tested plan', 'Missed plan', 'Due soon plan', 'On track plan', 'Draft only plan'].map((title) => text.indexOf(title));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('5 plans : 2 overdue · 1 due soon');
    expect(text).toMatch(/Never tested plan · Appeals Unit Version 1 10 January 2026 Review overdue Never · 10 July 2025 Overdue Never · 10 January 2026 Overdue/);
    expect(text).toMatch(/1 September 2026 · 1 March 2027 On track/);
    expect(text).toContain('Never · 1 January 2027 Missed planned 1 November 2026, no result');
    expect(text).toMatch(/Due soon plan · Appeals Unit Version 1 1 June 2027 On track 5 June 2026 · 5 December 2026 Due soon/);
    expect(text).toMatch(/Draft only plan · Appeals Unit Draft \(not yet approved\) Not approved yet/);
  });

  it('shows only the plans below a unit on the unit’s board', async () => {
    const text = visibleText((await t.http.get(`/nodes/${org.unitId}/plans/board`).expect(200)).text);
    expect(text).not.toContain('Missed plan');
    expect(text).toContain('4 plans');
  });

  it('counts overdue plans per division on the home page', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.text).toContain(`href="/nodes/${org.divisionId}/plans/board"><strong class="govuk-tag govuk-tag--red">2 overdue</strong>`);
    expect(res.text).toContain(`href="/nodes/${org.unitId}/plans/board"><strong class="govuk-tag govuk-tag--red">1 overdue</strong>`);
    // Open risks, above appetite, reviews overdue, actions overdue, quality findings: none here.
    expect(visibleText(res.text)).toMatch(/Special Crime Division \(division\) 0 0 0 0 0 5 plans of Special Crime Division 2 overdue/);
  });

  it('links plans to a risk, warns of an overdue test, and shows the risk on the plan', async () => {
    const riskId = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Loss of Rose Court' });
    const form = await t.http.get(`/risks/${riskId}/plans`).expect(200);
    expect(form.text).toContain('Never tested plan');

    await t.http.post(`/risks/${riskId}/plans`).type('form').send({ plan_id: String(plans.onTrack) }).expect(303);
    let risk = visibleText((await t.http.get(`/risks/${riskId}`).expect(200)).text);
    expect(risk).toContain('On track plan');
    expect(risk).not.toContain('A linked plan has an overdue test');

    await t.http.post(`/risks/${riskId}/plans`).type('form').send({ plan_id: String(plans.neverTested) }).expect(303);
    risk = visibleText((await t.http.get(`/risks/${riskId}`).expect(200)).text);
    expect(risk).toContain('A linked plan has an overdue test');
    expect(risk).toContain('Test overdue Call cascade and communications test overdue; Tabletop exercise overdue');

    const plan = visibleText((await t.http.get(`/plans/${plans.neverTested}`).expect(200)).text);
    expect(plan).toContain('Risks this plan responds to');
    expect(plan).toContain('Loss of Rose Court');
    expect(plan).toContain('Exercises, invocations and findings');

    await t.http.post(`/risks/${riskId}/plans/unlink`).type('form').send({ plan_id: String(plans.neverTested) }).expect(303);
    risk = visibleText((await t.http.get(`/risks/${riskId}`).expect(200)).text);
    expect(risk).not.toContain('A linked plan has an overdue test');
    // Links and unlinks are in the risk's history, by the person who made them.
    const history = visibleText((await t.http.get(`/risks/${riskId}/history`).expect(200)).text);
    expect(history).toMatch(/Continuity plan link linked/);
    expect(history).toMatch(/Continuity plan link removed/);
    expect(history).toContain('Never tested plan');
  });

  it('refuses to link a plan outside the risk’s part of the tree, or one that does not exist', async () => {
    const db = t.handle.db;
    const other = await db.insertInto('nodes').values({ parent_id: org.hqId, kind: 'division', name: 'Other Division', code: 'OTH' }).returning('id').executeTakeFirstOrThrow();
    const foreign = await addPlanWithApprovals(db, org, { approvals: ['2026-10-01'], nodeId: other.id, title: 'Foreign plan' });
    const riskId = await addRisk(db, org, { register_id: org.unitRegisterId });
    const form = await t.http.get(`/risks/${riskId}/plans`).expect(200);
    expect(form.text).not.toContain('Foreign plan');
    for (const planId of [String(foreign), '99999', 'x']) {
      const res = await t.http.post(`/risks/${riskId}/plans`).type('form').send({ plan_id: planId }).expect(400);
      expect(res.text).toContain('Select a plan from the list');
    }
    expect(await db.selectFrom('plan_risks').selectAll().where('risk_id', '=', riskId).execute()).toEqual([]);
  });

  it('serves the calendar of planned exercises and review dates as RFC 5545', async () => {
    const res = await t.http.get(`/nodes/${org.divisionId}/exercises.ics`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="bulwark-exercises-\d+\.ics"/);
    const raw = res.text;
    expect(raw.endsWith('\r\n')).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = raw.split('\r\n').slice(0, -1);
    expect(physical.every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    // Unfold, then check the structure line by line.
    const lines = raw.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
    expect(lines.every((line) => /^[A-Z-]+(;[A-Z-]+=[^:;]+)*:/.test(line))).toBe(true);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    const events = lines.filter((l) => l === 'BEGIN:VEVENT').length;
    expect(lines.filter((l) => l === 'END:VEVENT').length).toBe(events);
    // One future planned exercise (the missed one is not listed), four approved plans' reviews, and
    // the call cascade completed on 1 September as CANCELLED (within the last 90 days, so calendars
    // holding it drop it; the one completed in June is older and left out);
    // the rest are the registers' return deadlines and the risks' reviews (tests/http/return-calendar.test.ts).
    const summaries = lines.filter((l) => l.startsWith('SUMMARY:'));
    expect(summaries.filter((s) => s.startsWith('SUMMARY:Tabletop exercise'))).toHaveLength(1);
    expect(summaries.filter((s) => s.startsWith('SUMMARY:Plan review due'))).toHaveLength(4);
    expect(summaries.filter((s) => s.startsWith('SUMMARY:Completed: Call cascade'))).toHaveLength(1);
    expect(lines.filter((l) => l === 'STATUS:CANCELLED')).toHaveLength(1);
    expect(summaries.filter((s) => !/^SUMMARY:(Quarterly return due|Risk review due):/.test(s))).toHaveLength(6);
    expect(lines).toContain('DTSTART;VALUE=DATE:20270210');
    expect(lines.filter((l) => l.startsWith('DTSTAMP:')).every((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('DESCRIPTION:') && l.includes('Scenario: Loss of Rose Court\\, the case management system\\, and half the staff\\;'))).toBe(true);
    // UIDs are stable: a second download names the same events.
    const again = await t.http.get(`/nodes/${org.divisionId}/exercises.ics`).expect(200);
    const uids = (text: string) => text.split('\r\n').filter((l) => l.startsWith('UID:'));
    expect(uids(again.text)).toEqual(uids(raw));
    expect(new Set(uids(raw)).size).toBe(events);
  });

  it('follows the cadence settings an admin changes', async () => {
    const due = async () => visibleText((await t.http.get(`/plans/${plans.dueSoon}/exercises`).expect(200)).text);
    expect(await due()).toContain('Call cascade and communications test 5 June 2026 5 December 2026');
    await t.handle.db.updateTable('settings').set({ value: '3' }).where('key', '=', 'exercise_months_call_cascade').execute();
    try {
      expect(await due()).toContain('Call cascade and communications test 5 June 2026 5 September 2026 – Overdue');
    } finally {
      await t.handle.db.updateTable('settings').set({ value: '6' }).where('key', '=', 'exercise_months_call_cascade').execute();
    }
  });

  it('fills section 11 of the printed plan with each test’s last and next date', async () => {
    const document = await buildPlanPrintDocument(t.handle.db, fixedClock(TODAY), plans.missed, 'latest-approved');
    const section = document.sections.find((s) => s.number === 11);
    const table = section?.blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({
      kind: 'table',
      columns: ['Test', 'Required', 'Last done', 'Next due', 'Next planned', 'State'],
      rows: [
        ['Call cascade and communications test', 'Yes', '1 September 2026', '1 March 2027', '', 'On track'],
        ['Tabletop exercise', 'Yes', 'Never', '1 January 2027', '', 'Missed'],
        ['Live exercise', 'No', 'Never', '', '', 'Not required'],
      ],
    });
  });
});

describe('records linked from other parts of the organisation', () => {
  // Special Crime Division (with its Appeals Unit) reads its own records; a plan and a risk of
  // Other Division and of Headquarters are linked to them, and must never be named to it.
  let t: TestApp;
  let org: BasicOrganisation;
  const ids = { ownRisk: 0, unitRisk: 0, ownPlan: 0, otherRisk: 0, otherPlan: 0, hqRisk: 0, hqPlan: 0, exercise: 0 };
  const HIDDEN = ['Other Division secret risk', 'Other Division secret plan', 'BCP-OTHER', 'Headquarters-wide risk', 'Headquarters plan', 'BCP-HQ'];
  const hiddenNamed = (text: string) => HIDDEN.filter((words) => text.includes(words));

  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    const db = t.handle.db;
    const other = await db.insertInto('nodes').values({ parent_id: org.hqId, kind: 'division', name: 'Other Division', code: 'OTH' }).returning('id').executeTakeFirstOrThrow();
    const register = async (node_id: number, code: string) =>
      (await db.insertInto('registers').values({ node_id, kind: 'divisional', name: `${code} register`, code }).returning('id').executeTakeFirstOrThrow()).id;
    ids.ownRisk = await addRisk(db, org, { title: 'Division own risk' });
    ids.unitRisk = await addRisk(db, org, { register_id: org.unitRegisterId, title: 'Unit own risk' });
    ids.otherRisk = await addRisk(db, org, { register_id: await register(other.id, 'OTH'), title: 'Other Division secret risk' });
    ids.hqRisk = await addRisk(db, org, { register_id: await register(org.hqId, 'HQ'), title: 'Headquarters-wide risk' });
    ids.ownPlan = await addPlanWithApprovals(db, org, { approvals: ['2026-10-01'], title: 'Unit own plan' });
    ids.exercise = await addExercise(db, ids.ownPlan, { type: 'tabletop', planned_on: '2027-01-15' });
    ids.otherPlan = await addPlanWithApprovals(db, org, { approvals: ['2026-10-01'], nodeId: other.id, title: 'Other Division secret plan' });
    ids.hqPlan = await addPlanWithApprovals(db, org, { approvals: ['2026-10-01'], nodeId: org.hqId, title: 'Headquarters plan' });
    await db.updateTable('plans').set({ ref: 'BCP-OTHER' }).where('id', '=', ids.otherPlan).execute();
    await db.updateTable('plans').set({ ref: 'BCP-HQ' }).where('id', '=', ids.hqPlan).execute();
    // HQ's risks may name any plan below, and a division's risk HQ's plan; a node moved to
    // another division takes its links along. Links are made as the app makes them, so the
    // risks' histories name the plans.
    const links: [number, number][] = [
      [ids.ownRisk, ids.ownPlan], [ids.ownRisk, ids.otherPlan], [ids.ownRisk, ids.hqPlan],
      [ids.otherRisk, ids.ownPlan], [ids.hqRisk, ids.ownPlan],
      [ids.unitRisk, ids.hqPlan],
    ];
    await db.transaction().execute(async (tx) => {
      for (const [riskId, planId] of links) await linkPlanToRisk(tx, FIXTURE_CHANGE, riskId, planId);
    });
  });
  afterAll(() => t.close());

  const divisionReader = () => signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.divisionId }, { role: 'bcp_coordinator', node_id: org.divisionId }]);

  it('shows a risk only the plans its reader may read, and counts the others', async () => {
    const reader = await divisionReader();
    const risk = visibleText((await reader.get(`/risks/${ids.ownRisk}`).expect(200)).text);
    expect(risk).toContain('Unit own plan');
    expect(risk).toContain('and 2 others you cannot see');
    expect(hiddenNamed(risk)).toEqual([]);

    const links = visibleText((await reader.get(`/risks/${ids.ownRisk}/plans`).expect(200)).text);
    expect(links).toContain('Unit own plan');
    expect(links).toContain('and 2 others you cannot see');
    expect(hiddenNamed(links)).toEqual([]);

    // Someone who reads everything sees every plan, and no count.
    const all = visibleText((await t.http.get(`/risks/${ids.ownRisk}`).expect(200)).text);
    expect(all).toContain('Other Division secret plan');
    expect(all).toContain('Headquarters plan');
    expect(all).not.toContain('you cannot see');
  });

  it('says how many plans are linked when the reader may read none of them', async () => {
    const unitReader = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.unitId }]);
    const risk = visibleText((await unitReader.get(`/risks/${ids.unitRisk}`).expect(200)).text);
    expect(risk).toContain('Linked to this risk: 1 plan you cannot see');
    expect(risk).not.toContain('No business continuity plan is linked');
    expect(hiddenNamed(risk)).toEqual([]);
    // The unit's plan answers the division's, Other Division's and HQ's risks: none of them the unit's to read.
    const plan = visibleText((await unitReader.get(`/plans/${ids.ownPlan}`).expect(200)).text);
    expect(plan).toContain('This plan responds to 3 risks you cannot see');
    expect(plan).not.toContain('Division own risk');
  });

  it('shows a plan only the risks its reader may read, and counts the others', async () => {
    const reader = await divisionReader();
    for (const path of [`/plans/${ids.ownPlan}`, `/plans/${ids.ownPlan}/exercises`]) {
      const page = visibleText((await reader.get(path).expect(200)).text);
      expect([path, page.includes('Division own risk')]).toEqual([path, true]);
      expect([path, page.includes('and 2 others you cannot see')]).toEqual([path, true]);
      expect([path, hiddenNamed(page)]).toEqual([path, []]);
    }
  });

  it('keeps a hidden plan’s link in the risk’s history without naming the plan', async () => {
    const reader = await divisionReader();
    const history = visibleText((await reader.get(`/risks/${ids.ownRisk}/history`).expect(200)).text);
    expect(history).toMatch(/Continuity plan link linked : BCP-TEST-\d+ Unit own plan/);
    expect(history.match(/Continuity plan link linked : a plan you cannot see/g)).toHaveLength(2);
    expect(hiddenNamed(history)).toEqual([]);
  });

  it('does not unlink a plan its reader cannot see, and says nothing about it', async () => {
    const reader = await divisionReader();
    const events = async () => (await t.handle.db.selectFrom('audit_events').select('id').execute()).length;
    const before = await events();
    await reader.post(`/risks/${ids.ownRisk}/plans/unlink`).type('form').send({ plan_id: String(ids.otherPlan) }).expect(303);
    const link = await t.handle.db.selectFrom('plan_risks').selectAll().where('risk_id', '=', ids.ownRisk).where('plan_id', '=', ids.otherPlan).execute();
    expect(link).toHaveLength(1);
    expect(await events()).toBe(before);
  });

  it('names nothing from another part of the organisation on any page its reader can open', async () => {
    const reader = await divisionReader();
    const pages = [
      '/',
      `/nodes/${org.divisionId}`,
      `/nodes/${org.divisionId}?scope=all`,
      `/nodes/${org.divisionId}/plans?scope=all`,
      `/nodes/${org.divisionId}/plans/board`,
      `/nodes/${org.divisionId}/exercises.ics`,
      `/nodes/${org.unitId}/plans/new`,
      `/risks/${ids.ownRisk}`,
      `/risks/${ids.ownRisk}/history`,
      `/risks/${ids.ownRisk}/plans`,
      `/risks/${ids.unitRisk}`,
      `/risks/${ids.unitRisk}/plans`,
      `/plans/${ids.ownPlan}`,
      `/plans/${ids.ownPlan}/versions/1`,
      `/plans/${ids.ownPlan}/exercises`,
      `/exercises/${ids.exercise}`,
    ];
    for (const path of pages) {
      const res = await reader.get(path).expect(200);
      expect([path, hiddenNamed(res.text)]).toEqual([path, []]);
    }
    // And the records themselves stay closed to it.
    for (const path of [`/risks/${ids.otherRisk}`, `/risks/${ids.hqRisk}`, `/plans/${ids.otherPlan}`, `/plans/${ids.hqPlan}`]) await reader.get(path).expect(403);
  });
});
