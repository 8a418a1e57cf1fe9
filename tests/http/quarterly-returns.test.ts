import { sql } from 'kysely';
import { canonicalJson, sha256Hex } from '../../server/domain/returns';
import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { hiddenField, visibleText } from '../support/forms';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';
import { findingsOfRegister } from '../../server/queries/quality-findings';
import { signInWith, type Client } from '../support/users';

// The quarterly return through HTTP against a real SQLite file: submitted by the business
// manager, challenged and accepted by HQ, answered in between; every refusal; a double submit;
// the snapshot frozen whatever happens to the register afterwards. Today is 23 November 2026:
// 2026-27 Q3 (October to December) is the current quarter.

const Q3 = '2026-27Q3';

describe('the quarterly return', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let manager: Client;
  let reviewer: Client;
  let coordinator: Client;
  let riskA: number;
  let riskB: number;
  const outcome = (q: Promise<unknown>) => q.then(() => 'done', (e: unknown) => String(e));

  const review = (riskId: number, reviewedOn = '2026-10-20') =>
    t.handle.db.insertInto('reviews').values({
      risk_id: riskId, fy_year: 2026, fy_quarter: 3, reviewed_on: reviewedOn, reviewer_id: org.managerId,
      inherent_likelihood: 4, inherent_impact: 4, current_likelihood: 3, current_impact: 4, target_likelihood: 2, target_impact: 3,
      current_score: 12, direction: 'same', commentary: 'Reviewed at the quarterly meeting', mitigating_action: '', further_action: '', still_valid: 1,
      level_rank: 3, level_name: 'High', level_colour: '#f47738', level_text_colour: '#0b0c0c',
    }).execute();

  const returnRow = (registerId: number) => t.handle.db.selectFrom('returns').selectAll().where('register_id', '=', registerId).where('fy_year', '=', 2026).where('fy_quarter', '=', 3).executeTakeFirst();
  const pageOf = (registerId: number, client: Client = t.http) => client.get(`/registers/${registerId}/returns/${Q3}`);
  /** The version the return's forms carry, read from the page as a browser would; where the page offers this reader no form, as stored. */
  const versionOn = async (registerId: number, client: Client) =>
    hiddenField((await pageOf(registerId, client).expect(200)).text, 'version') ?? String((await returnRow(registerId))?.version);

  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    riskA = await addRisk(t.handle.db, org, { title: 'Loss of the York lease' });
    // No owner: a quality finding the snapshot keeps and HQ can challenge.
    riskB = await addRisk(t.handle.db, org, { title: 'Not enough specialist lawyers', owner_id: null });
    manager = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.divisionId }]);
    reviewer = await signInWith(t.app, t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    coordinator = await signInWith(t.app, t.handle.db, [{ role: 'bcp_coordinator', node_id: org.divisionId }]);
  });
  afterAll(() => t.close());

  it('refuses submission while open risks lack a review in the quarter, listing each, then submits and freezes the register with its hash', async () => {
    const refused = await manager.post(`/registers/${org.divisionRegisterId}/returns/${Q3}/submit`).type('form').send({}).expect(400);
    const text = visibleText(refused.text);
    expect(text).toContain('Loss of the York lease has no review in 2026-27 Q3: record its review first');
    expect(text).toContain('Not enough specialist lawyers has no review in 2026-27 Q3');
    expect(refused.text).toContain(`href="/risks/${riskA}/reviews/new"`);
    expect(await returnRow(org.divisionRegisterId)).toBeUndefined();

    await review(riskA);
    await review(riskB);
    const findingsNow = (await findingsOfRegister(t.handle.db, org.divisionRegisterId, TODAY)).map(({ fixHref: _, ...f }) => f);
    expect(findingsNow).toContainEqual(expect.objectContaining({ code: 'no-owner', riskId: riskB }));
    const done = await manager.post(`/registers/${org.divisionRegisterId}/returns/${Q3}/submit`).type('form').send({}).expect(303);
    expect(done.headers.location).toBe(`/registers/${org.divisionRegisterId}/returns/${Q3}?saved=submitted`);
    const row = await returnRow(org.divisionRegisterId);
    expect(row?.state).toBe('submitted');
    const snapshot = await t.handle.db.selectFrom('return_snapshots').selectAll().where('return_id', '=', row?.id ?? 0).executeTakeFirstOrThrow();
    // The stored hash is of exactly the stored bytes, and those bytes are canonical.
    expect(sha256Hex(snapshot.json)).toBe(snapshot.sha256);
    expect(canonicalJson(JSON.parse(snapshot.json))).toBe(snapshot.json);
    const frozen = JSON.parse(snapshot.json) as { risks: { reference: string; title: string; owner: string; current: { score: number; level: { name: string } }; review: { commentary: string }; controls: string[] }[] };
    expect(frozen.risks.map((r) => r.title)).toEqual(['Loss of the York lease', 'Not enough specialist lawyers']);
    expect((JSON.parse(snapshot.json) as { findings: unknown[] }).findings).toEqual(findingsNow);
    expect(row?.findings_count).toBe(findingsNow.length);
    expect(frozen.risks[0]).toMatchObject({ owner: 'Alex Owner', current: { score: 12, level: { name: 'High' } }, review: { commentary: 'Reviewed at the quarterly meeting' }, controls: ['Daily backups', 'Supplier support contract'] });

    const page = await pageOf(org.divisionRegisterId, manager).expect(200);
    expect(page.text).toContain(snapshot.sha256);
    expect(visibleText(page.text)).toContain('Submitted by');
    const events = await t.handle.db.selectFrom('return_events').select(['kind', 'actor_name']).where('return_id', '=', row?.id ?? 0).execute();
    expect(events.map((e) => e.kind)).toEqual(['submitted']);
  });

  it('creates one return when the same quarter is submitted twice at once: one 303, one 409 naming who submitted it', async () => {
    await addRisk(t.handle.db, org, { register_id: org.unitRegisterId, title: 'Appeals backlog' }).then((id) => review(id));
    const send = () => manager.post(`/registers/${org.unitRegisterId}/returns/${Q3}/submit`).type('form').send({});
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status, second.status].sort()).toEqual([303, 409]);
    const loser = first.status === 409 ? first : second;
    expect(visibleText(loser.text)).toMatch(/The 2026-27 Q3 SCD-AU return was already submitted by Test User \d+ on 23 November 2026 at \d\d:\d\d/);
    const rows = await t.handle.db.selectFrom('returns').select('id').where('register_id', '=', org.unitRegisterId).execute();
    expect(rows).toHaveLength(1);
    expect(await t.handle.db.selectFrom('return_snapshots').select('id').where('return_id', '=', rows[0]?.id ?? 0).execute()).toHaveLength(1);
  });

  it('refuses the wrong role with 403, saying who may act', async () => {
    const byCoordinator = await coordinator.post(`/registers/${org.unitRegisterId}/returns/${Q3}/accept`).type('form').send({ version: '1' }).expect(403);
    expect(visibleText(byCoordinator.text)).toContain('Only an HQ reviewer accepts a return');
    const managerChallenges = await manager.post(`/registers/${org.divisionRegisterId}/returns/${Q3}/challenges`).type('form').send({ about: 'return', challenge_text: 'x', version: '1' }).expect(403);
    expect(visibleText(managerChallenges.text)).toContain('Only an HQ reviewer challenges a return');
    const reviewerSubmits = await reviewer.post(`/registers/${org.divisionRegisterId}/returns/2026-27Q2/submit`).type('form').send({}).expect(403);
    expect(visibleText(reviewerSubmits.text)).toContain("Only a business manager of the register's part of the organisation submits its return");
    const reviewerAnswers = await reviewer.post(`/registers/${org.divisionRegisterId}/returns/${Q3}/answers`).type('form').send({}).expect(403);
    expect(visibleText(reviewerAnswers.text)).toContain('answers HQ');
  });

  it('goes through challenge, answer, challenge again, answer and acceptance, refusing every move out of turn', async () => {
    const g = org.divisionRegisterId;
    const base = `/registers/${g}/returns/${Q3}`;
    // Nothing to answer and nothing to accept yet out of turn: answering a submitted return.
    let version = await versionOn(g, reviewer);

    // An empty challenge: 400, the form kept.
    const empty = await reviewer.post(`${base}/challenges`).type('form').send({ about: `risk:${riskA}`, challenge_text: '  ', version }).expect(400);
    expect(visibleText(empty.text)).toContain('Enter the challenge');
    expect(empty.text).toContain(`<option value="risk:${riskA}" selected>`);
    expect(await t.handle.db.selectFrom('return_challenges').select('id').execute()).toHaveLength(0);

    const challenge = 'Risk SCD-R1000 has no countermeasure for the loss of the York lease: what is planned?';
    await reviewer.post(`${base}/challenges`).type('form').send({ about: `risk:${riskA}`, challenge_text: challenge, version }).expect(303);
    expect((await returnRow(g))?.state).toBe('challenged');

    // A stale form (the return moved on since it was opened): 409, nothing written, the text kept.
    const stale = await reviewer.post(`${base}/challenges`).type('form').send({ about: 'return', challenge_text: 'A second thought', version }).expect(409);
    expect(visibleText(stale.text)).toContain('changed since this page was opened (it is challenged now)');
    expect(stale.text).toContain('A second thought');
    expect(await t.handle.db.selectFrom('return_challenges').select('id').execute()).toHaveLength(1);

    // Accepting with a challenge unanswered: 409 saying the state.
    version = await versionOn(g, reviewer);
    const early = await reviewer.post(`${base}/accept`).type('form').send({ version }).expect(409);
    expect(visibleText(early.text)).toContain('The 2026-27 Q3 return is challenged: it is accepted once every challenge has an answer');

    const [open] = await t.handle.db.selectFrom('return_challenges').select('id').execute();
    const challengeId = String(open?.id);
    // An empty answer: 400, kept on that challenge's form.
    version = await versionOn(g, manager);
    const blank = await manager.post(`${base}/answers`).type('form').send({ challenge_id: challengeId, answer_text: '', answer_risk_id: '', version }).expect(400);
    expect(visibleText(blank.text)).toContain('Enter the answer to the challenge');
    await manager.post(`${base}/answers`).type('form').send({ challenge_id: challengeId, answer_text: 'Space at the Rose Court hub agreed from April; action added.', answer_risk_id: String(riskA), version }).expect(303);
    expect((await returnRow(g))?.state).toBe('responded');
    // A second answer to the answered challenge: refused, the form kept.
    version = await versionOn(g, manager);
    const second = await manager.post(`${base}/answers`).type('form').send({ challenge_id: challengeId, answer_text: 'And another thing', version }).expect(400);
    expect(visibleText(second.text)).toMatch(/This challenge was already answered by Test User \d+/);
    expect(await t.handle.db.selectFrom('return_answers').select('id').execute()).toHaveLength(1);

    const page = visibleText((await pageOf(g, reviewer).expect(200)).text);
    expect(page).toContain(challenge);
    expect(page).toContain('Space at the Rose Court hub agreed from April');
    expect(page).toContain('See the change made since: SCD-R1000 and its history');

    // Challenged again, answered again, then accepted.
    version = await versionOn(g, reviewer);
    await reviewer.post(`${base}/challenges`).type('form').send({ about: `finding:no-owner:${riskB}`, challenge_text: 'Who owns the lawyers risk, and from when?', version }).expect(303);
    const onFinding = await t.handle.db.selectFrom('return_challenges').select(['target', 'finding_code', 'risk_id']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(onFinding).toEqual({ target: 'finding', finding_code: 'no-owner', risk_id: riskB });
    expect(visibleText((await pageOf(g, manager).expect(200)).text)).toContain('Finding "No owner" on SCD-R1001');
    const [, again] = await t.handle.db.selectFrom('return_challenges').select('id').orderBy('id').execute();
    version = await versionOn(g, manager);
    await manager.post(`${base}/answers`).type('form').send({ challenge_id: String(again?.id), answer_text: 'Frances Delaney from 1 December', version }).expect(303);
    version = await versionOn(g, reviewer);
    await reviewer.post(`${base}/accept`).type('form').send({ note: 'Thank you', version }).expect(303);
    const accepted = await returnRow(g);
    expect(accepted?.state).toBe('accepted');
    expect(accepted?.accepted_at).toBeTruthy();

    // Nothing moves an accepted return: 409 with its state.
    version = await versionOn(g, reviewer);
    const after = await reviewer.post(`${base}/challenges`).type('form').send({ about: 'return', challenge_text: 'Late thought', version }).expect(409);
    expect(visibleText(after.text)).toContain('The 2026-27 Q3 return is accepted: an accepted return is not challenged again');
    const resubmit = await manager.post(`${base}/submit`).type('form').send({}).expect(409);
    expect(visibleText(resubmit.text)).toContain('was already submitted by');

    const events = await t.handle.db.selectFrom('return_events').select(['kind', 'note']).where('return_id', '=', accepted?.id ?? 0).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['submitted', 'challenged', 'responded', 'challenged', 'responded', 'accepted']);
    const timeline = visibleText((await pageOf(g).expect(200)).text);
    expect(timeline).toContain('Accepted by');
    expect(timeline).toContain('Thank you');
  });

  it("refuses an answer naming another return's challenge, or a risk of another register, and a challenge about a risk not in the return", async () => {
    const [challenge] = await t.handle.db.selectFrom('return_challenges').select('id').orderBy('id').execute();
    const unit = `/registers/${org.unitRegisterId}/returns/${Q3}`;
    const unitVersion = String((await returnRow(org.unitRegisterId))?.version);
    const foreign = await manager.post(`${unit}/answers`).type('form').send({ challenge_id: String(challenge?.id), answer_text: 'Answered elsewhere', version: unitVersion }).expect(400);
    expect(visibleText(foreign.text)).toContain("That challenge is not one of this return's");
    const notInReturn = await reviewer.post(`${unit}/challenges`).type('form').send({ about: `risk:${riskA}`, challenge_text: 'About a risk of another register', version: unitVersion }).expect(400);
    expect(visibleText(notInReturn.text)).toContain('Select what the challenge is about from the list');
    expect(notInReturn.text).toContain('About a risk of another register');
    const garbled = await reviewer.post(`${unit}/challenges`).type('form').send({ about: 'risk:1 OR 1=1', challenge_text: 'x', version: unitVersion }).expect(400);
    expect(visibleText(garbled.text)).toContain('Select what the challenge is about from the list');
    expect(await t.handle.db.selectFrom('return_answers').select('id').execute()).toHaveLength(2);
  });

  it('answers a malformed, unknown or future quarter with a clear message', async () => {
    const malformed = await t.http.get(`/registers/${org.divisionRegisterId}/returns/2026-28Q3`).expect(404);
    expect(visibleText(malformed.text)).toContain('"2026-28Q3" is not a quarter: quarters are written like 2026-27Q3');
    await t.http.get(`/registers/${org.divisionRegisterId}/returns/Q9`).expect(404);
    const future = await t.http.get(`/registers/${org.divisionRegisterId}/returns/2027-28Q1`).expect(404);
    expect(visibleText(future.text)).toContain('2027-28 Q1 has not started yet');
    const submitFuture = await manager.post(`/registers/${org.divisionRegisterId}/returns/2027-28Q1/submit`).type('form').send({}).expect(400);
    expect(visibleText(submitFuture.text)).toContain('2027-28 Q1 has not started yet: a return is submitted once its quarter has started');
    const table = await t.http.get(`/nodes/${org.hqId}/returns?quarter=nonsense`).expect(400);
    expect(visibleText(table.text)).toContain('"nonsense" is not a quarter');
  });

  it('keeps the snapshot, its hash and its page as submitted after the register is edited, and lists what changed since', async () => {
    const g = org.divisionRegisterId;
    const row = await returnRow(g);
    const before = await t.handle.db.selectFrom('return_snapshots').selectAll().where('return_id', '=', row?.id ?? 0).executeTakeFirstOrThrow();
    await t.handle.db.updateTable('risks').set({ title: 'Loss of the York lease (renamed)', current_likelihood: 5, current_impact: 5 }).where('id', '=', riskA).execute();
    await t.handle.db.updateTable('risks').set({ status: 'closed', closed_on: '2026-11-22', closure_reason: 'Realised' }).where('id', '=', riskB).execute();
    const added = await addRisk(t.handle.db, org, { title: 'Disclosure failings on Operation Hawthorn' });
    await t.handle.db.updateTable('matrix_levels').set({ name: 'Severe' }).where('rank', '=', 3).execute();

    const after = await t.handle.db.selectFrom('return_snapshots').selectAll().where('return_id', '=', row?.id ?? 0).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const page = await pageOf(g).expect(200);
    const text = visibleText(page.text);
    expect(page.text).toContain(before.sha256);
    expect(text).toContain('SCD-R1000 Loss of the York lease');
    expect(text).not.toContain('Loss of the York lease (renamed) Cause');
    expect(text).toContain('High 12');
    expect(text).toContain(`Added: ${(await t.handle.db.selectFrom('risks').select('reference').where('id', '=', added).executeTakeFirstOrThrow()).reference} Disclosure failings on Operation Hawthorn`);
    expect(text).toMatch(/Closed: SCD-R\d+ Not enough specialist lawyers \(closed on 2026-11-22\)/);
    expect(text).toContain('Rescored up: SCD-R1000 Loss of the York lease, High 12 then, Very high 25 now');
    await t.handle.db.updateTable('matrix_levels').set({ name: 'High' }).where('rank', '=', 3).execute();
  });

  it('has the database refuse any UPDATE or DELETE of a snapshot, an event, a challenge or an answer', async () => {
    const db = t.handle.db;
    const refusals = await Promise.all([
      outcome(sql`UPDATE return_snapshots SET json = '{}'`.execute(db)),
      outcome(sql`UPDATE return_snapshots SET sha256 = ${'0'.repeat(64)}`.execute(db)),
      outcome(sql`DELETE FROM return_snapshots`.execute(db)),
      outcome(sql`UPDATE return_events SET note = 'rewritten'`.execute(db)),
      outcome(sql`DELETE FROM return_events`.execute(db)),
      outcome(sql`UPDATE return_challenges SET text = 'softer words'`.execute(db)),
      outcome(sql`DELETE FROM return_challenges`.execute(db)),
      outcome(sql`UPDATE return_answers SET text = 'better words'`.execute(db)),
      outcome(sql`DELETE FROM return_answers`.execute(db)),
      outcome(sql`DELETE FROM returns`.execute(db)),
      outcome(sql`UPDATE returns SET submitted_at = '2026-01-01T00:00:00.000Z'`.execute(db)),
    ]);
    for (const refusal of refusals) expect(refusal).toMatch(/evidence and cannot be (changed|deleted)|keeps its register, quarter and submission/);
    expect(await db.selectFrom('return_snapshots').select('id').execute()).toHaveLength(2);
  });

  it("lists every register's return below a node for HQ, filtered by state, and tells the manager at home what is due", async () => {
    const table = await reviewer.get(`/nodes/${org.hqId}/returns?quarter=${Q3}`).expect(200);
    const text = visibleText(table.text);
    expect(text).toContain('2 registers');
    expect(text).toContain('Accepted (1)');
    expect(text).toContain('Submitted (1)');
    const accepted = visibleText((await reviewer.get(`/nodes/${org.hqId}/returns?quarter=${Q3}&state=accepted`).expect(200)).text);
    expect(accepted).toContain('Special Crime divisional register');
    expect(accepted).not.toContain('Appeals Unit register SCD-AU');
    // The quarter just ended (Q2, due 15 October) was never submitted: 39 days late by today.
    const q2 = visibleText((await reviewer.get(`/nodes/${org.hqId}/returns`).expect(200)).text);
    expect(q2).toContain('Quarterly returns, 2026-27 Q2');
    expect(q2).toContain('Not submitted (2)');
    expect(q2).toMatch(/Special Crime divisional register SCD Special Crime Division Not submitted 39/);

    const home = visibleText((await manager.get('/').expect(200)).text);
    expect(home).toContain('2026-27 Q2 return for SCD: 39 days late');
  });
});
