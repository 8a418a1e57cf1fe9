import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { visibleText } from '../support/forms';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';
import { signInWith, type Client } from '../support/users';
import type { Clock } from '../../server/clock';

// Registers joined up across levels, through HTTP as each manager would: escalation proposed
// and decided, contributing links, de-escalation, suggestions, duplicates and acceptances.

describe('registers joined up across levels', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let unitManager: Client;
  let divisionManager: Client;
  let otherDivisionRegisterId: number;
  let now = new Date(`${TODAY}T12:00:00`);
  const clock: Clock = { now: () => new Date(now) };

  beforeAll(async () => {
    t = await startTestApp(TODAY, { clock });
    org = await seedBasicOrganisation(t.handle.db);
    unitManager = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.unitId }]);
    // A division's grant covers its units too: what the unit's manager proposes, the division's manager decides.
    divisionManager = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.divisionId }]);
    const other = await t.handle.db.insertInto('nodes').values({ parent_id: org.hqId, kind: 'division', name: 'Other Division', code: 'OTH' }).returning('id').executeTakeFirstOrThrow();
    otherDivisionRegisterId = (await t.handle.db.insertInto('registers').values({ node_id: other.id, kind: 'divisional', name: 'Other register', code: 'OTH' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const riskRow = (id: number) => t.handle.db.selectFrom('risks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const page = async (client: Client, path: string) => visibleText((await client.get(path).expect(200)).text);
  const proposalsOf = (riskId: number) => t.handle.db.selectFrom('risk_proposals').selectAll().where('from_risk_id', '=', riskId).orderBy('id').execute();

  it('escalates a unit risk as a proposal that the division accepts, and both pages show the link', async () => {
    const lower = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Appeals papers lost between sites', current_likelihood: 4, current_impact: 4 });
    const form = await unitManager.get(`/risks/${lower}/escalate`).expect(200);
    // The parent's divisional register is chosen by default.
    expect(form.text).toMatch(new RegExp(`<option value="${org.divisionRegisterId}" selected>`));
    await unitManager.post(`/risks/${lower}/escalate`).type('form').send({ register_id: String(org.divisionRegisterId), reason: 'Affects every unit of the division', version: '1' }).expect(303);
    const [proposal] = await proposalsOf(lower);
    expect(proposal?.status).toBe('proposed');
    // Waiting on the division's register page, for its managers.
    expect(await page(divisionManager, `/nodes/${org.divisionId}`)).toContain('Proposed risks waiting for your decision');
    // The unit manager cannot decide it; the division's can, once.
    await unitManager.post(`/proposals/${proposal?.id}/accept`).type('form').send({}).expect(403);
    const accepted = await divisionManager.post(`/proposals/${proposal?.id}/accept`).type('form').send({}).expect(303);
    const higherId = Number(/\/risks\/(\d+)/.exec(accepted.headers.location as string)?.[1]);
    await divisionManager.post(`/proposals/${proposal?.id}/accept`).type('form').send({}).expect(409);
    const higher = await riskRow(higherId);
    expect(higher.title).toBe('Appeals papers lost between sites');
    expect(higher.register_id).toBe(org.divisionRegisterId);
    expect(await t.handle.db.selectFrom('risks').select('id').where('title', '=', 'Appeals papers lost between sites').execute()).toHaveLength(2);

    const lowerPage = await page(t.http, `/risks/${lower}`);
    expect(lowerPage).toContain(`Escalated to ${higher.reference}`);
    const higherPage = await page(t.http, `/risks/${higherId}`);
    expect(higherPage).toContain('Escalated from');
    expect(higherPage).toContain(`Highest of the risks below: ${(await riskRow(lower)).reference} at Very high 16`);
    // The lower risk stays open in its own register.
    expect((await riskRow(lower)).status).toBe('open');
    // Both histories tell it in words.
    const history = await page(t.http, `/risks/${lower}/history`);
    expect(history).toContain('Proposal to another register made');
    expect(history).toContain('Link between levels made');
  });

  it('accepts in one step when the person escalating manages both registers', async () => {
    const lower = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Counsel unavailable for appeal hearings' });
    const res = await divisionManager.post(`/risks/${lower}/escalate`).type('form').send({ register_id: String(org.divisionRegisterId), reason: 'Division-wide shortage', version: '1' }).expect(303);
    expect(res.headers.location).toMatch(/saved=escalated-and-accepted/);
    expect((await proposalsOf(lower)).map((p) => p.status)).toEqual(['accepted']);
  });

  it('declines a proposal with a reason, keeping it and leaving the original untouched', async () => {
    const lower = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Late papers from Areas' });
    const before = await riskRow(lower);
    await unitManager.post(`/risks/${lower}/escalate`).type('form').send({ register_id: String(org.divisionRegisterId), reason: 'Needs division attention', version: '1' }).expect(303);
    const [proposal] = await proposalsOf(lower);
    const empty = await divisionManager.post(`/proposals/${proposal?.id}/decline`).type('form').send({ decision_reason: ' ' }).expect(400);
    expect(visibleText(empty.text)).toContain('Enter why the proposal is declined');
    await divisionManager.post(`/proposals/${proposal?.id}/decline`).type('form').send({ decision_reason: 'The unit can manage this with the Areas directly' }).expect(303);
    expect((await proposalsOf(lower)).map((p) => [p.status, p.decision_reason])).toEqual([['declined', 'The unit can manage this with the Areas directly']]);
    expect(await riskRow(lower)).toEqual(before);
    expect(await page(t.http, `/proposals/${proposal?.id}`)).toContain('Declined');
  });

  it('refuses escalating sideways or down, a stale form, and a second waiting proposal, changing nothing', async () => {
    const lower = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Sideways' });
    const sideways = await t.http.post(`/risks/${lower}/escalate`).type('form').send({ register_id: String(otherDivisionRegisterId), reason: 'x', version: '1' }).expect(400);
    expect(visibleText(sideways.text)).toContain('Select a register of a part of the organisation above this one');
    await t.http.post(`/risks/${lower}/escalate`).type('form').send({ register_id: String(org.unitRegisterId), reason: 'x', version: '1' }).expect(400);
    const stale = await t.http.post(`/risks/${lower}/escalate`).type('form').send({ register_id: String(org.divisionRegisterId), reason: 'kept words', version: '7' }).expect(409);
    expect(stale.text).toContain('kept words');
    expect(await proposalsOf(lower)).toEqual([]);
    await unitManager.post(`/risks/${lower}/escalate`).type('form').send({ register_id: String(org.divisionRegisterId), reason: 'once', version: '1' }).expect(303);
    await unitManager.post(`/risks/${lower}/escalate`).type('form').send({ register_id: String(org.divisionRegisterId), reason: 'twice', version: '1' }).expect(409);
    expect(await proposalsOf(lower)).toHaveLength(1);
  });

  it('links a risk as contributing, refusing itself, a closed risk, one not above, one unseen, and a circle', async () => {
    const lower = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Unit disclosure backlog' });
    const higher = await addRisk(t.handle.db, org, { title: 'Disclosure failures across the division' });
    const closed = await addRisk(t.handle.db, org, { title: 'Closed', status: 'closed', closed_on: '2026-10-01', closure_reason: 'Done' });
    const elsewhere = await addRisk(t.handle.db, org, { register_id: otherDivisionRegisterId, title: 'Elsewhere' });
    const ref = async (id: number) => (await riskRow(id)).reference;
    const send = (from: number, reference: string, client = divisionManager) => client.post(`/risks/${from}/links`).type('form').send({ reference, reason: 'Feeds it' });
    expect(visibleText((await send(lower, await ref(lower)).expect(400)).text)).toContain('A risk cannot be linked to itself');
    expect(visibleText((await send(lower, await ref(closed)).expect(400)).text)).toContain('is closed: link to an open risk');
    // A risk the person cannot read is not named, as if it did not exist: the unit's manager cannot read the division's.
    expect(visibleText((await send(lower, await ref(higher), unitManager).expect(400)).text)).toContain(`There is no risk ${await ref(higher)} that you can see`);
    expect(visibleText((await send(lower, await ref(elsewhere)).expect(400)).text)).toContain(`There is no risk ${await ref(elsewhere)} that you can see`);
    expect(visibleText((await send(lower, await ref(elsewhere), t.http).expect(400)).text)).toContain('which is not above Appeals Unit');
    await send(lower, (await ref(higher)).toLowerCase()).expect(303);
    // The other way round would close a circle: a risk higher up never contributes to one below it.
    expect(visibleText((await send(higher, await ref(lower), t.http).expect(400)).text)).toContain('a risk can only contribute to a risk higher up');
    await send(lower, await ref(higher)).expect(400);
    const links = await t.handle.db.selectFrom('risk_links').selectAll().where('from_risk_id', '=', lower).execute();
    expect(links.map((l) => [l.kind, l.to_risk_id])).toEqual([['contributes', higher]]);
    // Unlinked with a reason: the link stays as removed.
    await unitManager.post(`/risks/${lower}/unlink`).type('form').send({ link: String(links[0]?.id), reason: 'Backlog cleared' }).expect(303);
    const [removed] = await t.handle.db.selectFrom('risk_links').selectAll().where('from_risk_id', '=', lower).execute();
    expect(removed?.removed_reason).toBe('Backlog cleared');
    await unitManager.post(`/risks/${lower}/unlink`).type('form').send({ link: String(links[0]?.id), reason: 'Again' }).expect(409);
  });

  it('de-escalates to a linked risk below, or as a proposal to a register below', async () => {
    const lower = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'York lease renewal' });
    const higher = await addRisk(t.handle.db, org, { title: 'Loss of the York building' });
    await divisionManager.post(`/risks/${lower}/links`).type('form').send({ reference: (await riskRow(higher)).reference, reason: 'Same building' }).expect(303);
    const form = await divisionManager.get(`/risks/${higher}/de-escalate`).expect(200);
    expect(form.text).toContain(`value="risk-${lower}"`);
    await divisionManager.post(`/risks/${higher}/de-escalate`).type('form').send({ to: `risk-${lower}`, reason: 'Lease renewed for five years', version: '1' }).expect(303);
    const closed = await riskRow(higher);
    expect([closed.status, closed.closure_reason]).toEqual(['closed', `De-escalated to ${(await riskRow(lower)).reference}: Lease renewed for five years`]);
    expect((await riskRow(lower)).status).toBe('open');
    expect(await t.handle.db.selectFrom('risk_links').select('id').where('to_risk_id', '=', higher).where('removed_at', 'is', null).execute()).toEqual([]);

    const alone = await addRisk(t.handle.db, org, { title: 'Appeals listing delays' });
    await divisionManager.post(`/risks/${alone}/de-escalate`).type('form').send({ to: `register-${org.unitRegisterId}`, reason: 'Only the Appeals Unit is affected', version: '1' }).expect(303);
    expect((await riskRow(alone)).status).toBe('closed');
    const [proposal] = await proposalsOf(alone);
    expect([proposal?.kind, proposal?.register_id, proposal?.status]).toEqual(['de-escalation', org.unitRegisterId, 'proposed']);
    const accepted = await unitManager.post(`/proposals/${proposal?.id}/accept`).type('form').send({}).expect(303);
    expect(await page(unitManager, accepted.headers.location as string)).toContain('Appeals listing delays');
  });

  it('suggests a high unit risk to the division until dismissed, and again once it rises', async () => {
    const risk = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Sudden loss of the only extradition specialist', current_likelihood: 3, current_impact: 3 });
    const suggestions = async () => {
      const html = (await divisionManager.get(`/nodes/${org.divisionId}`).expect(200)).text;
      const start = html.indexOf('id="suggestions"');
      return start < 0 ? '' : visibleText(html.slice(start, html.indexOf('</table>', start)));
    };
    expect(await suggestions()).toContain('Sudden loss of the only extradition specialist');
    await divisionManager.post(`/nodes/${org.divisionId}/suggestions/dismiss`).type('form').send({ risk: String(risk), reason: '' }).expect(400);
    await divisionManager.post(`/nodes/${org.divisionId}/suggestions/dismiss`).type('form').send({ risk: String(risk), reason: 'A second specialist starts in January' }).expect(303);
    expect(await suggestions()).not.toContain('Sudden loss of the only extradition specialist');
    // Still dismissed at the same level; suggested again once it rises above it.
    await t.handle.db.updateTable('risks').set({ current_likelihood: 4, current_impact: 4 }).where('id', '=', risk).execute();
    expect(await suggestions()).toContain('Sudden loss of the only extradition specialist');
  });

  it('flags likely duplicates until judged not duplicates, and again once a title changes', async () => {
    const a = await addRisk(t.handle.db, org, { title: 'Volume of digital material delays disclosure', cause: 'Because seized phones and laptops hold terabytes of material' });
    const b = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Volume of digital material delays disclosure in appeals', cause: 'Because seized phones hold terabytes of material' });
    const pairsPage = async () => page(t.http, `/nodes/${org.divisionId}/duplicates`);
    const refA = (await riskRow(a)).reference;
    const refB = (await riskRow(b)).reference;
    expect(await pairsPage()).toContain(refB);
    const form = (await t.http.get(`/nodes/${org.divisionId}/duplicates/not-duplicate?a=${a}&b=${b}`).expect(200)).text;
    const fingerprint = /name="fingerprint" value="([^"]*)"/.exec(form)?.[1]?.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&') ?? '';
    await t.http.post(`/nodes/${org.divisionId}/duplicates/not-duplicate`).type('form').send({ a: String(a), b: String(b), fingerprint, reason: 'One is about appeals only' }).expect(303);
    expect(await pairsPage()).not.toContain(refB);
    await t.handle.db.updateTable('risks').set({ title: 'Volume of digital material delays disclosure in appeal cases' }).where('id', '=', b).execute();
    const again = await pairsPage();
    expect(again).toContain(refA);
    expect(again).toContain(refB);
    // A decision against texts that changed since the form was drawn is stale.
    await t.http.post(`/nodes/${org.divisionId}/duplicates/not-duplicate`).type('form').send({ a: String(a), b: String(b), fingerprint, reason: 'Stale' }).expect(409);
  });

  it('records an acceptance of a tolerated risk that lapses when the clock passes its expiry', async () => {
    // Financial appetite is Medium: a High financial risk tolerated needs an acceptance.
    const financial = await t.handle.db.selectFrom('categories').select('id').where('name', '=', 'Financial').executeTakeFirstOrThrow();
    const risk = await addRisk(t.handle.db, org, { title: 'Overspend on counsel fees', category_id: financial.id, treatment: 'tolerate', current_likelihood: 3, current_impact: 3, identified_on: '2026-11-02' });
    const codes = async () => (await page(t.http, `/risks/${risk}`));
    expect(await codes()).toContain('Tolerated above appetite, not accepted');
    const high = '3';
    const late = await t.http.post(`/risks/${risk}/acceptances`).type('form')
      .send({ approver_id: String(org.ownerId), 'accepted_on-day': '20', 'accepted_on-month': '11', 'accepted_on-year': '2026', level_rank: high, justification: 'Fees fixed by the framework', 'expires_on-day': '1', 'expires_on-month': '6', 'expires_on-year': '2027' })
      .expect(400);
    expect(visibleText(late.text)).toContain('The expiry date must be no later than the risk\'s next review');
    expect(late.text).toContain('Fees fixed by the framework');
    await t.http.post(`/risks/${risk}/acceptances`).type('form')
      .send({ approver_id: String(org.ownerId), 'accepted_on-day': '20', 'accepted_on-month': '11', 'accepted_on-year': '2026', level_rank: high, justification: 'Fees fixed by the framework', 'expires_on-day': '30', 'expires_on-month': '11', 'expires_on-year': '2026' })
      .expect(303);
    const accepted = await codes();
    expect(accepted).not.toContain('Tolerated above appetite, not accepted');
    expect(accepted).toContain('Accepted');
    now = new Date('2026-12-01T12:00:00');
    try {
      // Sessions end 12 hours after sign-in: a week on, a reader signs in afresh.
      const reader = await signInWith(t.app, t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
      const lapsed = await page(reader, `/risks/${risk}`);
      expect(lapsed).toContain('Acceptance lapsed');
      expect(lapsed).toContain('Its acceptance has passed its expiry date.');
    } finally {
      now = new Date(`${TODAY}T12:00:00`);
    }
  });

  it('keeps every record of joining up as evidence: the database refuses to change or delete one', async () => {
    for (const table of ['risk_acceptances', 'duplicate_decisions', 'escalation_dismissals'] as const) {
      const outcome = await t.handle.db.deleteFrom(table).execute().then(() => 'done', (e: unknown) => String(e));
      expect(outcome).toMatch(/evidence and cannot be deleted/);
    }
    const decided = await t.handle.db.selectFrom('risk_proposals').select('id').where('status', '!=', 'proposed').executeTakeFirstOrThrow();
    const reopened = await t.handle.db.updateTable('risk_proposals').set({ status: 'proposed', decided_at: null, decided_by_name: null, decision_reason: null, accepted_risk_id: null }).where('id', '=', decided.id).execute().then(() => 'done', (e: unknown) => String(e));
    expect(reopened).toMatch(/only an open one can be decided or removed, once/);
    const relinked = await t.handle.db.updateTable('risk_links').set({ reason: 'rewritten' }).execute().then(() => 'done', (e: unknown) => String(e));
    expect(relinked).toMatch(/links between risks are evidence/);
  });
});
