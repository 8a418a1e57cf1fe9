import { addRisk, riskFormBody, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { formFields, hiddenBase, visibleText } from '../support/forms';
import { startTestApp, type TestApp } from '../support/test-app';

describe('adding and editing a risk', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  const riskCount = async () => (await t.handle.db.selectFrom('risks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('offers the form with today as the date identified, in day, month and year', async () => {
    const res = await t.http.get(`/nodes/${org.divisionId}/risks/new`).expect(200);
    expect(res.text).toContain('Add a risk');
    expect(res.text).toContain('id="identified_on-day" name="identified_on-day" type="text" value="23" inputmode="numeric"');
    expect(res.text).toContain('id="identified_on-month" name="identified_on-month" type="text" value="11" inputmode="numeric"');
    expect(res.text).toContain('id="identified_on-year" name="identified_on-year" type="text" value="2026" inputmode="numeric"');
  });

  it('adds a risk numbered within its register and shows it', async () => {
    const first = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(riskFormBody(org)).expect(303);
    const second = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(riskFormBody(org, { title: 'Second risk' })).expect(303);
    const page = await t.http.get(first.headers.location as string).expect(200);
    expect(page.text).toContain('Risk added');
    expect(page.text).toContain('SCD-R01');
    expect(page.text).toContain('Loss of access to Rose Court');
    expect(page.text).toContain('York site as fallback');
    expect((await t.http.get(second.headers.location as string)).text).toContain('SCD-R02');
    const unknown = await t.http.get(`${(first.headers.location as string).split('?')[0]}?saved=<script>x</script>`).expect(200);
    expect(unknown.text).not.toContain('govuk-notification-banner--success');
  });

  it('refuses a bad submission with messages beside the fields and keeps what was typed', async () => {
    const before = await riskCount();
    const res = await t.http
      .post(`/nodes/${org.divisionId}/risks`)
      .type('form')
      .send(riskFormBody(org, { title: '', current_likelihood: '7', cause: 'Because <b>typed</b> text stays', identified_on: '' }))
      .expect(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('href="#title"');
    expect(res.text).toContain('Enter a title for the risk');
    expect(res.text).toContain('Select the current likelihood');
    expect(res.text).toContain('Enter the date the risk was identified');
    expect(res.text).toContain('Because &lt;b&gt;typed&lt;/b&gt; text stays');
    expect(await riskCount()).toBe(before);
  });

  it('refuses ids that name nothing, and a register of another node', async () => {
    const res = await t.http
      .post(`/nodes/${org.divisionId}/risks`)
      .type('form')
      .send(riskFormBody(org, { register_id: String(org.unitRegisterId), owner_id: '99999', category_id: '424242' }))
      .expect(400);
    expect(res.text).toContain('Select a register of this part of the organisation');
    expect(res.text).toContain('Select the risk owner from the list');
    expect(res.text).toContain('Select a category from the list');
  });

  const typedDate = (field: string, day: string, month: string, year: string) => ({ [field]: '', [`${field}-day`]: day, [`${field}-month`]: month, [`${field}-year`]: year });

  it('takes a date typed as day, month and year and saves it as an ISO day', async () => {
    const res = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form')
      .send({ ...riskFormBody(org, { title: 'Typed date' }), ...typedDate('identified_on', ' 2 ', 'Sept', '2026') }).expect(303);
    const id = Number(/\/risks\/(\d+)/.exec(res.headers.location as string)?.[1]);
    const saved = await t.handle.db.selectFrom('risks').select('identified_on').where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved.identified_on).toBe('2026-09-02');
    expect((await t.http.get(`/risks/${id}`).expect(200)).text).toContain('2 September 2026');
  });

  it('refuses a date that does not exist, keeping the three fields as typed and highlighting the day', async () => {
    const before = await riskCount();
    const res = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form')
      .send({ ...riskFormBody(org), ...typedDate('identified_on', '31', '2', '2026') }).expect(400);
    expect(res.text).toContain('Date identified must be a real date');
    expect(res.text).toContain('<a href="#identified_on-day">Date identified must be a real date</a>');
    expect(res.text).toContain('<fieldset class="govuk-fieldset" role="group" aria-describedby="identified_on-hint identified_on-error">');
    expect(res.text).toContain('<p id="identified_on-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Date identified must be a real date</p>');
    expect(res.text).toContain('<input class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="identified_on-day" name="identified_on-day" type="text" value="31" inputmode="numeric">');
    expect(res.text).toContain('<input class="govuk-input govuk-date-input__input govuk-input--width-2" id="identified_on-month" name="identified_on-month" type="text" value="2" inputmode="numeric">');
    expect(res.text).toContain('<input class="govuk-input govuk-date-input__input govuk-input--width-4" id="identified_on-year" name="identified_on-year" type="text" value="2026" inputmode="numeric">');
    expect(await riskCount()).toBe(before);
  });

  it('says which part of a date is missing, and highlights only that part', async () => {
    const res = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form')
      .send({ ...riskFormBody(org), ...typedDate('identified_on', '14', '', '2026') }).expect(400);
    expect(res.text).toContain('Date identified must include a month');
    expect(res.text).toContain('href="#identified_on-month"');
    expect(res.text).toContain('class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="identified_on-month"');
    expect(res.text).toContain('class="govuk-input govuk-date-input__input govuk-input--width-2" id="identified_on-day" name="identified_on-day" type="text" value="14"');
  });

  it('saves an edit made from the current version', async () => {
    const id = await addRisk(t.handle.db, org);
    const form = await t.http.get(`/risks/${id}/edit`).expect(200);
    expect(form.text).toContain('name="version" value="1"');
    await t.http.post(`/risks/${id}`).type('form').send({ ...riskFormBody(org), title: 'Renamed risk', status: 'open', version: '1' }).expect(303);
    const saved = await t.handle.db.selectFrom('risks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved.title).toBe('Renamed risk');
    expect(saved.version).toBe(2);
  });

  it('never lets a stale edit overwrite a newer one: it shows what changed', async () => {
    const id = await addRisk(t.handle.db, org, { title: 'Original title' });
    await t.http.post(`/risks/${id}`).type('form').send({ ...riskFormBody(org), title: 'Edited by Alex', status: 'open', version: '1' }).expect(303);
    const stale = await t.http
      .post(`/risks/${id}`)
      .type('form')
      .send({ ...riskFormBody(org), title: 'Edited by Sam', status: 'open', version: '1' })
      .expect(409);
    expect(stale.text).toContain('Someone else changed this');
    expect(stale.text).toContain('Edited by Alex');
    expect(stale.text).toContain('Edited by Sam');
    expect(stale.text).toContain('name="version" value="2"');
    const saved = await t.handle.db.selectFrom('risks').select(['title', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ title: 'Edited by Alex', version: 2 });
  });

  it('merges a stale edit of a date typed in three fields, comparing the days', async () => {
    const id = await addRisk(t.handle.db, org, { title: 'Dated risk', identified_on: '2026-03-01' });
    const form = await t.http.get(`/risks/${id}/edit`).expect(200);
    expect(formFields(form.text)).toMatchObject({ 'identified_on-day': '1', 'identified_on-month': '3', 'identified_on-year': '2026' });
    const base = hiddenBase(form.text) ?? '';
    const started = { ...(JSON.parse(base) as Record<string, string>), base };
    // Alex moves the date identified; Sam, from the same form, types the same date as 01 03 2026 and changes the title.
    await t.http.post(`/risks/${id}`).type('form').send({ ...started, ...typedDate('identified_on', '5', '3', '2026') }).expect(303);
    const stale = await t.http.post(`/risks/${id}`).type('form').send({ ...started, ...typedDate('identified_on', '01', '03', '2026'), title: 'Dated risk, by Sam' }).expect(409);
    const text = visibleText(stale.text);
    expect(text).toContain('Date identified 5 March 2026 1 March 2026');
    expect(text).not.toContain('You both changed this');
    // Alex's date is in the form, in three fields; Sam's title is kept.
    const again = formFields(stale.text);
    expect(again).toMatchObject({ 'identified_on-day': '5', 'identified_on-month': '3', 'identified_on-year': '2026', title: 'Dated risk, by Sam' });
    await t.http.post(`/risks/${id}`).type('form').send({ ...started, ...again }).expect(303);
    const saved = await t.handle.db.selectFrom('risks').select(['title', 'identified_on']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ title: 'Dated risk, by Sam', identified_on: '2026-03-05' });
  });

  it("merges a stale edit: the other person's change survives saving again", async () => {
    const id = await addRisk(t.handle.db, org, { title: 'Original title' });
    const form = await t.http.get(`/risks/${id}/edit`).expect(200);
    const base = hiddenBase(form.text);
    if (!base) throw new Error('the edit form carries no base');
    const started = JSON.parse(base) as Record<string, string>;
    // Alex changes the title; Sam, from the same starting form, changes only the cause.
    await t.http.post(`/risks/${id}`).type('form').send({ ...started, title: 'Title by Alex', base }).expect(303);
    const stale = await t.http.post(`/risks/${id}`).type('form').send({ ...started, cause: 'Cause by Sam', base }).expect(409);
    expect(stale.text).toContain('value="Title by Alex"');
    expect(stale.text).toContain('Cause by Sam');
    expect(stale.text).not.toContain('You both changed this');
    const again = hiddenBase(stale.text);
    await t.http.post(`/risks/${id}`).type('form').send({ ...started, title: 'Title by Alex', cause: 'Cause by Sam', version: '2', base: again ?? '' }).expect(303);
    const saved = await t.handle.db.selectFrom('risks').select(['title', 'cause']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ title: 'Title by Alex', cause: 'Cause by Sam' });
  });

  it('lists the people of the risk’s part of the organisation and above first, everyone else after in a group of their own', async () => {
    const person = async (name: string, nodeId: number | null) =>
      (await t.handle.db.insertInto('people').values({ name, email: `${name.replace(/ /g, '.').toLowerCase()}@example.gov.uk`, job_title: '', node_id: nodeId }).returning('id').executeTakeFirstOrThrow()).id;
    const hq = await person('Hana Headquarters', org.hqId);
    const unit = await person('Umar Unit', org.unitId);
    const nowhere = await person('Nadia Nowhere', null);
    const selectOf = (html: string, name: string) => new RegExp(`<select[^>]* name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
    // The people this test made, group by group (the signed-in test user is someone else too).
    const ours = new Set([org.ownerId, org.managerId, hq, unit, nowhere]);
    const groups = (select: string) => [...select.matchAll(/<optgroup label="([^"]+)">([\s\S]*?)<\/optgroup>/g)]
      .map(([, label, body]) => [label, [...(body ?? '').matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1])).filter((id) => ours.has(id))]);

    const division = await t.http.get(`/nodes/${org.divisionId}/risks/new`).expect(200);
    const owners = selectOf(division.text, 'owner_id');
    expect(owners).toMatch(/^\s*<option value="" selected>Not assigned<\/option>/);
    expect(groups(owners)).toEqual([
      ['Special Crime Division and above', [org.ownerId, hq, org.managerId]],
      ['Everyone else', [nowhere, unit]],
    ]);
    // From the unit, its own people join those above it.
    const risk = await addRisk(t.handle.db, org, { register_id: org.unitRegisterId });
    const edit = await t.http.get(`/risks/${risk}/edit`).expect(200);
    expect(groups(selectOf(edit.text, 'manager_id'))).toEqual([
      ['Appeals Unit and above', [org.ownerId, hq, org.managerId, unit]],
      ['Everyone else', [nowhere]],
    ]);
    // Anyone may still be chosen.
    await t.http.post(`/risks/${risk}`).type('form').send({ ...riskFormBody(org), owner_id: String(nowhere), status: 'open', version: '1' }).expect(303);
  });

  it('refuses impossible dates: identified in the future, closed before it was identified', async () => {
    const future = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(riskFormBody(org, { identified_on: '2027-05-01' })).expect(400);
    expect(future.text).toContain('Date identified must be today or in the past');
    const id = await addRisk(t.handle.db, org, { identified_on: '2026-03-01' });
    const early = await t.http.post(`/risks/${id}`).type('form')
      .send({ ...riskFormBody(org, { identified_on: '2026-03-01' }), status: 'closed', closed_on: '2020-01-01', closure_reason: 'Gone', version: '1' }).expect(400);
    expect(early.text).toContain('Date closed must be the same as or after the date identified');
  });

  it('closes a risk only with a reason', async () => {
    const id = await addRisk(t.handle.db, org);
    const res = await t.http.post(`/risks/${id}`).type('form').send({ ...riskFormBody(org), status: 'closed', closed_on: '2026-11-20', version: '1' }).expect(400);
    expect(res.text).toContain('Enter the reason for closing the risk');
    await t.http.post(`/risks/${id}`).type('form').send({ ...riskFormBody(org), status: 'closed', closed_on: '2026-11-20', closure_reason: 'Building sold', version: '1' }).expect(303);
    const page = await t.http.get(`/risks/${id}`).expect(200);
    expect(page.text).toContain('Closed 20 November 2026');
    expect(page.text).toContain('Building sold');
  });
});

describe('further actions', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let riskId: number;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    riskId = await addRisk(t.handle.db, org);
  });
  afterAll(() => t.close());

  const actionsOf = () => t.handle.db.selectFrom('actions').selectAll().where('risk_id', '=', riskId).execute();

  it('adds an action and completes it from the risk page', async () => {
    await t.http
      .post(`/risks/${riskId}/actions`)
      .type('form')
      .send({ description: 'Test the York fallback', owner_id: String(org.managerId), due_on: '2026-12-15', status: 'not_started' })
      .expect(303);
    const [action] = await actionsOf();
    if (!action) throw new Error('no action saved');
    await t.http.post(`/actions/${action.id}/complete`).type('form').send({ version: '1' }).expect(303);
    const [completed] = await actionsOf();
    expect(completed).toMatchObject({ status: 'completed', completed_on: '2026-11-23', version: 2 });
    const page = await t.http.get(`/risks/${riskId}`).expect(200);
    expect(page.text).toContain('Completed 23 November 2026');
  });

  it('refuses a completed action with no completion date, keeping the text', async () => {
    const res = await t.http
      .post(`/risks/${riskId}/actions`)
      .type('form')
      .send({ description: 'Half-typed action', status: 'completed', 'due_on-day': 'soon', 'due_on-month': '12', 'due_on-year': '2026' })
      .expect(400);
    expect(res.text).toContain('Enter the date the action was completed');
    expect(res.text).toContain('Due date must be a real date');
    expect(res.text).toContain('id="due_on-day" name="due_on-day" type="text" value="soon"');
    expect(res.text).toContain('Half-typed action');
    expect(await actionsOf()).toHaveLength(1);
  });

  it('refuses an action completed in the future', async () => {
    const res = await t.http.post(`/risks/${riskId}/actions`).type('form')
      .send({ description: 'Time travel', status: 'completed', completed_on: '2027-06-01' }).expect(400);
    expect(res.text).toContain('Date completed must be today or in the past');
  });

  it('refuses to complete an action from a stale page', async () => {
    const [action] = await actionsOf();
    if (!action) throw new Error('no action');
    await t.http.post(`/actions/${action.id}`).type('form').send({ description: 'Reopened', status: 'in_progress', version: '2' }).expect(303);
    const res = await t.http.post(`/actions/${action.id}/complete`).type('form').send({ version: '2' }).expect(409);
    expect(res.text).toContain('Someone else changed this');
    const [after] = await actionsOf();
    expect(after).toMatchObject({ status: 'in_progress', completed_on: null, version: 3 });
  });
});

describe('the quarterly review', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  const review = (overrides: Record<string, string> = {}) => ({
    reviewed_on: '2026-11-20',
    reviewer_id: String(org.managerId),
    current_likelihood: '3',
    current_impact: '4',
    commentary: 'Supplier confirmed a fix date',
    mitigating_action: 'Weekly call with supplier',
    further_action: 'Test restore in December',
    still_valid: 'yes',
    version: '1',
    ...overrides,
  });

  it('records a review with a snapshot, rescores the risk and shows the direction of travel', async () => {
    const id = await addRisk(t.handle.db, org, { current_likelihood: 3, current_impact: 4 });
    await t.http.post(`/risks/${id}/reviews`).type('form').send(review({ reviewed_on: '2026-10-05' })).expect(303);
    await t.http.post(`/risks/${id}/reviews`).type('form').send(review({ current_likelihood: '4', version: '2' })).expect(303);
    const reviews = await t.handle.db.selectFrom('reviews').selectAll().where('risk_id', '=', id).orderBy('id').execute();
    expect(reviews.map((r) => [r.direction, r.current_score, r.fy_year, r.fy_quarter])).toEqual([
      ['new', 12, 2026, 3],
      ['up', 16, 2026, 3],
    ]);
    const risk = await t.handle.db.selectFrom('risks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([risk.current_likelihood, risk.current_impact, risk.version]).toEqual([4, 4, 3]);
    const page = await t.http.get(`/risks/${id}`).expect(200);
    expect(page.text).toContain('2026-27 Q3');
    expect(page.text).toContain('<span aria-hidden="true">↑</span> Worsening');
    expect(page.text).toContain('Reviewed');
  });

  it('closes the risk when the review finds it no longer valid', async () => {
    const id = await addRisk(t.handle.db, org);
    await t.http.post(`/risks/${id}/reviews`).type('form').send(review({ still_valid: 'no', commentary: 'Lease surrendered' })).expect(303);
    const risk = await t.handle.db.selectFrom('risks').select(['status', 'closed_on', 'closure_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(risk).toEqual({ status: 'closed', closed_on: '2026-11-20', closure_reason: 'No longer valid at the 2026-27 Q3 review: Lease surrendered' });
  });

  it('refuses a review dated in the future or before the last one', async () => {
    const id = await addRisk(t.handle.db, org);
    const future = await t.http.post(`/risks/${id}/reviews`).type('form').send(review({ reviewed_on: '2026-11-24' })).expect(400);
    expect(future.text).toContain('Date of the review must be today or in the past');
    await t.http.post(`/risks/${id}/reviews`).type('form').send(review()).expect(303);
    const earlier = await t.http.post(`/risks/${id}/reviews`).type('form').send(review({ reviewed_on: '2026-11-01', version: '2' })).expect(400);
    expect(earlier.text).toContain('Date of the review must be the same as or after 20 November 2026, the date of the last review');
  });

  it('refuses a review from a stale page without saving anything', async () => {
    const id = await addRisk(t.handle.db, org);
    await t.handle.db.updateTable('risks').set({ title: 'Changed meanwhile', version: 2 }).where('id', '=', id).execute();
    const res = await t.http.post(`/risks/${id}/reviews`).type('form').send(review({ version: '1' })).expect(409);
    expect(res.text).toContain('Someone else changed this');
    expect(res.text).toContain('Supplier confirmed a fix date');
    expect(await t.handle.db.selectFrom('reviews').selectAll().where('risk_id', '=', id).execute()).toHaveLength(0);
  });

  it('keeps past reviews as evidence: the database refuses to change or delete them', async () => {
    const id = await addRisk(t.handle.db, org);
    await t.http.post(`/risks/${id}/reviews`).type('form').send(review()).expect(303);
    // The outcome as text: better-sqlite3's errors are not always recognised by Jest's toThrow across its sandbox.
    const outcome = (query: Promise<unknown>) => query.then(() => 'changed', (error: unknown) => String(error));
    expect(await outcome(t.handle.db.updateTable('reviews').set({ commentary: 'rewritten' }).where('risk_id', '=', id).execute())).toMatch(/evidence/);
    expect(await outcome(t.handle.db.deleteFrom('reviews').where('risk_id', '=', id).execute())).toMatch(/evidence/);
    const [kept] = await t.handle.db.selectFrom('reviews').select('commentary').where('risk_id', '=', id).execute();
    expect(kept?.commentary).toBe('Supplier confirmed a fix date');
  });
});
