import ICAL from 'ical.js';
import { openDatabase } from '../../db/connection';
import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { signInWith, type Client } from '../support/users';

// The node's calendar read back by a real iCalendar parser (ical.js, as calendar clients use):
// each register's return deadline and each open risk's next review due, with UIDs that stay the
// same from one download to the next, so Outlook updates an event instead of adding another.

describe('return deadlines and risk reviews in the calendar', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let manager: Client;
  let riskId: number;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    riskId = await addRisk(t.handle.db, org, { title: 'Loss of the York lease' });
    manager = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.divisionId }]);
  });
  afterAll(() => t.close());

  async function events() {
    const res = await manager.get(`/nodes/${org.divisionId}/exercises.ics`).expect(200);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    return calendar.getAllSubcomponents('vevent').map((v) => {
      const event = new ICAL.Event(v);
      return { uid: event.uid, date: event.startDate.toString(), summary: event.summary, url: String(v.getFirstPropertyValue('url')) };
    });
  }

  it('lists the return deadlines of the quarter just ended and the current one, and each open risk\'s next review, with stable UIDs', async () => {
    const first = await events();
    const returns = first.filter((e) => e.uid.startsWith('return-'));
    expect(returns).toEqual(expect.arrayContaining([
      { uid: `return-${org.divisionRegisterId}-2026-27Q2@bulwark`, date: '2026-10-15', summary: 'Quarterly return due: SCD 2026-27 Q2', url: `https://bulwark.test.example.gov.uk/registers/${org.divisionRegisterId}/returns/2026-27Q2` },
      { uid: `return-${org.divisionRegisterId}-2026-27Q3@bulwark`, date: '2027-01-15', summary: 'Quarterly return due: SCD 2026-27 Q3', url: `https://bulwark.test.example.gov.uk/registers/${org.divisionRegisterId}/returns/2026-27Q3` },
    ]));
    // Both registers of the division (its own and the unit's), two quarters each.
    expect(returns).toHaveLength(4);
    const due = await t.handle.db.selectFrom('risk_facts').select('review_due_on').where('risk_id', '=', riskId).executeTakeFirstOrThrow();
    expect(first.find((e) => e.uid === `risk-${riskId}-review@bulwark`)).toMatchObject({ date: due.review_due_on, summary: expect.stringMatching(/^Risk review due: SCD-R\d+$/) });

    // The risk is reviewed in Q2 and Q2's return submitted: its deadline leaves the calendar, and
    // the risk's review event keeps its UID with the next due date.
    await t.handle.db.insertInto('reviews').values({
      risk_id: riskId, fy_year: 2026, fy_quarter: 2, reviewed_on: '2026-09-10', reviewer_id: org.managerId,
      inherent_likelihood: 4, inherent_impact: 4, current_likelihood: 3, current_impact: 4, target_likelihood: 2, target_impact: 3,
      current_score: 12, direction: 'new', commentary: 'Reviewed', mitigating_action: '', further_action: '', still_valid: 1,
    }).execute();
    await manager.post(`/registers/${org.divisionRegisterId}/returns/2026-27Q2/submit`).type('form').send({}).expect(303);
    const second = await events();
    expect(second.map((e) => e.uid)).not.toContain(`return-${org.divisionRegisterId}-2026-27Q2@bulwark`);
    expect(second.map((e) => e.uid)).toContain(`return-${org.divisionRegisterId}-2026-27Q3@bulwark`);
    expect(second.find((e) => e.uid === `risk-${riskId}-review@bulwark`)?.date).toBe('2026-12-31');
    expect(new Set(second.map((e) => e.uid)).size).toBe(second.length);
  });

  it('is sent as kept while nothing changed, and built again after a write by this server or by any other connection', async () => {
    const first = await manager.get(`/nodes/${org.divisionId}/exercises.ics`).expect(200);
    const again = await manager.get(`/nodes/${org.divisionId}/exercises.ics`).expect(200);
    expect(again.text).toBe(first.text);
    // Another connection to the same file (a script, a second process) adds a risk.
    const other = openDatabase(t.file);
    const otherRisk = await addRisk(other.db, org, { title: 'Loss of the Leeds data centre' });
    await other.close();
    expect((await events()).map((e) => e.uid)).toContain(`risk-${otherRisk}-review@bulwark`);
    // This server's own write: the risk is closed through the app's database handle.
    await t.handle.db.updateTable('risks').set({ status: 'closed', closed_on: '2026-11-30', closure_reason: 'Lease signed' }).where('id', '=', otherRisk).execute();
    expect((await events()).map((e) => e.uid)).not.toContain(`risk-${otherRisk}-review@bulwark`);
  });

  it('groups the reviews due into one event per register and day above a thousand open risks, references in register order', async () => {
    await t.handle.db.transaction().execute(async (tx) => {
      for (let n = 0; n < 1000; n++) await addRisk(tx, org, { title: `Loss of site ${n}` });
    });
    const all = await events();
    expect(all.filter((e) => e.uid.startsWith('risk-'))).toEqual([]);
    const grouped = all.filter((e) => e.uid.startsWith(`register-${org.divisionRegisterId}-reviews-`));
    const open = await t.handle.db.selectFrom('risk_facts as f').innerJoin('risks as r', 'r.id', 'f.risk_id')
      .select(['r.reference', 'f.review_due_on']).where('r.register_id', '=', org.divisionRegisterId).where('f.status', '=', 'open').execute();
    const days = new Set(open.map((r) => r.review_due_on));
    expect(grouped).toHaveLength(days.size);
    // Every open risk is named once, under its register and due day.
    const res = await manager.get(`/nodes/${org.divisionId}/exercises.ics`).expect(200);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const named = calendar.getAllSubcomponents('vevent')
      .filter((v) => String(v.getFirstPropertyValue('uid')).startsWith(`register-${org.divisionRegisterId}-reviews-`))
      .flatMap((v) => /: (.*)\.$/.exec(String(v.getFirstPropertyValue('description')))?.[1]?.split(', ') ?? []);
    expect([...named].sort()).toEqual(open.map((r) => r.reference).sort());
    const biggest = grouped.map((e) => e.summary).find((s) => /^\d+ risk reviews due: SCD$/.test(s));
    expect(biggest).toBeDefined();
    // Within an event, R-9 comes before R-10.
    const numbers = named.slice(0, 20).map((ref) => Number(/(\d+)$/.exec(ref)?.[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});
