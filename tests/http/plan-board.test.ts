import { fixedClock } from '../../server/clock';
import { buildPlanPrintDocument } from '../../server/presenters/plan-print';
import { addExercise, addPlanWithApprovals } from '../support/exercise-fixtures';
import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { visibleText } from '../support/forms';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

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
    expect(text).toMatch(/Never tested plan · Appeals Unit Version 1 10 Jan 2026 Review overdue Never · 10 Jul 2025 Overdue Never · 10 Jan 2026 Overdue/);
    expect(text).toMatch(/1 Sept? 2026 · 1 Mar 2027 On track/);
    expect(text).toContain('Never · 1 Jan 2027 Missed planned 1 Nov 2026, no result');
    expect(text).toMatch(/Due soon plan · Appeals Unit Version 1 1 Jun 2027 On track 5 Jun 2026 · 5 Dec 2026 Due soon/);
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
    expect(visibleText(res.text)).toMatch(/Special Crime Division \(division\) 0 0 0 0 5 plans of Special Crime Division 2 overdue/);
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
    // One future planned exercise (the missed one is not listed) and four approved plans' reviews.
    const summaries = lines.filter((l) => l.startsWith('SUMMARY:'));
    expect(summaries.filter((s) => s.startsWith('SUMMARY:Tabletop exercise'))).toHaveLength(1);
    expect(summaries.filter((s) => s.startsWith('SUMMARY:Plan review due'))).toHaveLength(4);
    expect(events).toBe(5);
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
    expect(await due()).toContain('Call cascade and communications test 5 Jun 2026 5 Dec 2026');
    await t.handle.db.updateTable('settings').set({ value: '3' }).where('key', '=', 'exercise_months_call_cascade').execute();
    try {
      expect(await due()).toContain('Call cascade and communications test 5 Jun 2026 5 Sep 2026 – Overdue');
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
