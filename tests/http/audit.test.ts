import { sql } from 'kysely';
import { addRisk, riskFormBody, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const SCRIPT = '<script>alert("owned")</script>';

/** The outcome as text: better-sqlite3's errors are not always recognised by Jest's toThrow across its sandbox. */
const outcome = (query: Promise<unknown>) => query.then(() => 'done', (error: unknown) => String(error));

describe('the audit history', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  /** The person t.http is signed in as: the one making every change here. */
  let me: { id: number; name: string };
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    me = await t.handle.db.selectFrom('users as u').innerJoin('people as p', 'p.id', 'u.person_id').select(['u.id', 'p.name']).executeTakeFirstOrThrow();
  });
  afterAll(() => t.close());

  const eventsOf = (riskId: number) => t.handle.db.selectFrom('audit_events').selectAll().where('risk_id', '=', riskId).orderBy('id').execute();
  const allEvents = async () => (await t.handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const editBody = (overrides: Record<string, string> = {}) => ({ ...riskFormBody(org), status: 'open', version: '1', ...overrides });
  const reviewBody = (overrides: Record<string, string> = {}) => ({
    reviewed_on: '2026-11-20', reviewer_id: String(org.managerId), current_likelihood: '2', current_impact: '5',
    commentary: 'Landlord confirmed the lease', still_valid: 'yes', version: '1', ...overrides,
  });

  /** Adds a risk through the form, so an edit posting the same form changes only what a test says. */
  const addRiskByForm = async (overrides: Record<string, string> = {}) => {
    const created = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(riskFormBody(org, overrides)).expect(303);
    return Number(/\/risks\/(\d+)/.exec(created.headers.location as string)?.[1]);
  };

  it('shows an edit in words on the risk’s History tab, with who and when', async () => {
    const id = await addRiskByForm();
    await t.http.post(`/risks/${id}`).type('form')
      // Browsers post textarea lines with CRLF: the controls are unchanged and must not be listed.
      .send(editBody({ current_likelihood: '4', owner_id: String(org.managerId), cause: 'Because the landlord is selling', identified_on: '2026-11-01', existing_controls: 'Home working for all staff\r\nYork site as fallback' }))
      .expect(303);
    const details = await t.http.get(`/risks/${id}`).expect(200);
    expect(details.text).toContain(`href="/risks/${id}/history"`);
    const page = await t.http.get(`/risks/${id}/history`).expect(200);
    expect(page.text).toContain('aria-current="page">History');
    expect(page.text).toContain('Current likelihood 2 → 4');
    expect(page.text).toContain('Risk owner Alex Owner → Sam Manager');
    expect(page.text).toContain('Cause changed');
    expect(page.text).toContain('Date identified 2 November 2026 → 1 November 2026');
    expect(page.text).toContain('23 November 2026 12:00');
    expect(page.text).toContain(`<td class="govuk-table__cell">${me.name}</td>`);
    expect(page.text).not.toContain('Existing controls');
    // Newest first: the change above the creation.
    expect(page.text.indexOf('Risk changed')).toBeLessThan(page.text.indexOf('Risk added'));
  });

  it('records each write as exactly one event, holding only what changed', async () => {
    const before = await allEvents();
    const id = await addRiskByForm({ title: 'Flooding at York' });
    const [added] = await eventsOf(id);
    expect(added).toMatchObject({ entity_type: 'risk', entity_id: id, action: 'create', before: null, actor_user_id: me.id, actor_name: me.name, node_id: org.divisionId, subject: 'SCD-R02 Flooding at York' });
    expect(JSON.parse(added?.after ?? '{}')).toMatchObject({ title: 'Flooding at York', current_likelihood: 2, owner_id: org.ownerId });

    await t.http.post(`/risks/${id}`).type('form').send(editBody({ title: 'Flooding at York', current_impact: '3' })).expect(303);
    const edited = (await eventsOf(id))[1];
    expect(edited).toMatchObject({ action: 'update', before: '{"current_impact":5}', after: '{"current_impact":3}' });

    await t.http.post(`/risks/${id}/actions`).type('form').send({ description: 'Sandbags', owner_id: String(org.ownerId), due_on: '2027-01-10', status: 'not_started' }).expect(303);
    const action = await t.handle.db.selectFrom('actions').select('id').where('risk_id', '=', id).executeTakeFirstOrThrow();
    await t.http.post(`/actions/${action.id}`).type('form').send({ description: 'Sandbags', owner_id: String(org.managerId), due_on: '2027-01-10', status: 'in_progress', version: '1' }).expect(303);
    await t.http.post(`/actions/${action.id}/complete`).type('form').send({ version: '2' }).expect(303);
    const actionEvents = (await eventsOf(id)).filter((e) => e.entity_type === 'action');
    expect(actionEvents.map((e) => [e.action, e.entity_id, e.before, e.after, e.subject])).toEqual([
      ['create', action.id, null, expect.stringContaining('"description":"Sandbags"'), 'Sandbags'],
      ['update', action.id, `{"owner_id":${org.ownerId},"status":"not_started"}`, `{"owner_id":${org.managerId},"status":"in_progress"}`, 'Sandbags'],
      ['update', action.id, '{"status":"in_progress","completed_on":null}', '{"status":"completed","completed_on":"2026-11-23"}', 'Sandbags'],
    ]);

    // A review that leaves the scores as they are changes only the review; one that closes the risk changes the risk too.
    await t.http.post(`/risks/${id}/reviews`).type('form').send(reviewBody({ current_impact: '3', version: '2' })).expect(303);
    await t.http.post(`/risks/${id}/reviews`).type('form').send(reviewBody({ current_impact: '3', still_valid: 'no', commentary: 'Moved out', version: '3' })).expect(303);
    const last = (await eventsOf(id)).slice(-3);
    expect(last.map((e) => [e.entity_type, e.action])).toEqual([['review', 'create'], ['risk', 'update'], ['review', 'create']]);
    expect(JSON.parse(last[1]?.after ?? '{}')).toEqual({ status: 'closed', closed_on: '2026-11-20', closure_reason: 'No longer valid at the 2026-27 Q3 review: Moved out' });
    expect(await allEvents()).toBe(before + 8);

    const page = await t.http.get(`/risks/${id}/history`).expect(200);
    expect(page.text).toContain('Action added</strong>: Sandbags');
    expect(page.text).toContain('Owner Alex Owner → Sam Manager');
    expect(page.text).toContain('Status In progress → Completed');
    expect(page.text).toContain('Review recorded</strong>: 2026-27 Q3');
    expect(page.text).toContain('Issues identified: Moved out');
    expect(page.text).toContain('Status Open → Closed');
  });

  it('records nothing for a refused or stale write', async () => {
    const id = await addRiskByForm();
    await t.http.post(`/risks/${id}`).type('form').send(editBody({ title: '' })).expect(400);
    await t.http.post(`/risks/${id}`).type('form').send(editBody({ title: 'Edited' })).expect(303);
    await t.http.post(`/risks/${id}`).type('form').send(editBody({ title: 'Stale edit' })).expect(409);
    await t.http.post(`/risks/${id}/reviews`).type('form').send(reviewBody({ version: '1' })).expect(409);
    expect((await eventsOf(id)).slice(1).map((e) => e.after)).toEqual(['{"title":"Edited"}']);
  });

  it('shows script and markup in changed values escaped', async () => {
    const id = await addRisk(t.handle.db, org, { title: 'Plain' });
    await t.http.post(`/risks/${id}`).type('form').send(editBody({ title: SCRIPT })).expect(303);
    await t.http.post(`/risks/${id}/actions`).type('form').send({ description: `<b>bold</b> ${SCRIPT}`, status: 'not_started' }).expect(303);
    const page = await t.http.get(`/risks/${id}/history`).expect(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<b>bold');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
    expect(page.text).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('cannot be changed: the database refuses UPDATE and DELETE on the audit table', async () => {
    const id = await addRisk(t.handle.db, org);
    await t.http.post(`/risks/${id}`).type('form').send(editBody({ title: 'Evidence' })).expect(303);
    expect(await outcome(sql`UPDATE audit_events SET actor_name = 'Someone else'`.execute(t.handle.db))).toMatch(/audit history is evidence and cannot be changed/);
    expect(await outcome(sql`DELETE FROM audit_events WHERE risk_id = ${id}`.execute(t.handle.db))).toMatch(/audit history is evidence and cannot be deleted/);
    expect((await eventsOf(id)).map((e) => e.actor_name)).toEqual([me.name]);
  });

  it('answers 404 for the history of a risk that does not exist', async () => {
    await t.http.get('/risks/987654/history').expect(404);
  });
});

describe('an audited write that fails', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('leaves no audit event when the write rolls back after recording it', async () => {
    const id = await addRisk(t.handle.db, org, { current_likelihood: 3 });
    // The review's insert fails after the risk's rescoring and its audit event were written.
    await sql`CREATE TRIGGER test_reviews_fail BEFORE INSERT ON reviews BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(t.handle.db);
    await t.http.post(`/risks/${id}/reviews`).type('form')
      .send({ reviewed_on: '2026-11-20', reviewer_id: String(org.managerId), current_likelihood: '5', current_impact: '4', commentary: 'Worse', still_valid: 'yes', version: '1' })
      .expect(500);
    await sql`DROP TRIGGER test_reviews_fail`.execute(t.handle.db);
    expect(await t.handle.db.selectFrom('audit_events').selectAll().execute()).toEqual([]);
    const risk = await t.handle.db.selectFrom('risks').select(['current_likelihood', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(risk).toEqual({ current_likelihood: 3, version: 1 });
  });

  it('leaves the change unsaved when its audit event cannot be written', async () => {
    const id = await addRisk(t.handle.db, org, { title: 'Before' });
    await sql`CREATE TRIGGER test_audit_fail BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(t.handle.db);
    await t.http.post(`/risks/${id}`).type('form').send({ ...riskFormBody(org), title: 'After', status: 'open', version: '1' }).expect(500);
    await sql`DROP TRIGGER test_audit_fail`.execute(t.handle.db);
    const risk = await t.handle.db.selectFrom('risks').select(['title', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(risk).toEqual({ title: 'Before', version: 1 });
  });
});
