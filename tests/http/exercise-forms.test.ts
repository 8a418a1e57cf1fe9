import { addExercise, addPlanWithApprovals } from '../support/exercise-fixtures';
import { seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { hiddenBase, visibleText } from '../support/forms';
import { startTestApp, type TestApp } from '../support/test-app';
import { signInWith } from '../support/users';

// Today is 2026-11-23 (tests/support/test-app.ts).

describe('scheduling an exercise and recording its outcome', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let planId: number;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    planId = await addPlanWithApprovals(t.handle.db, org, { approvals: ['2025-03-01', '2026-02-01'] });
  });
  afterAll(() => t.close());

  const exerciseCount = async () => (await t.handle.db.selectFrom('exercises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('offers the form on the version in force, coordinated by the plan owner', async () => {
    const res = await t.http.get(`/plans/${planId}/exercises/new`).expect(200);
    expect(res.text).toContain('Add an exercise');
    expect(res.text).toContain('Has it happened yet?');
    // The plan has no draft: the list offers its approved versions only.
    expect(res.text).not.toMatch(/<option value=""[^>]*>[^<]*draft/i);
    expect(res.text).toContain('<option value="1">Version 1, approved 1 March 2025</option>');
    expect(res.text).toMatch(/<option value="2" selected>Version 2, approved 1 February 2026 \(in force\)<\/option>/);
    expect(res.text).toMatch(new RegExp(`<option value="${org.ownerId}" selected>Alex Owner</option>`));
  });

  it('schedules one and shows it on the plan’s exercises page', async () => {
    const res = await t.http
      .post(`/plans/${planId}/exercises`)
      .type('form')
      .send({ type: 'tabletop', happened: 'no', 'exercise_on-day': '20', 'exercise_on-month': '1', 'exercise_on-year': '2027', plan_version_number: '2', coordinator_id: String(org.managerId), participants: 'Alex Owner\nSam Manager', scenario: 'Rose Court flooded', objectives: 'Reach everyone in an hour' })
      .expect(303);
    expect(res.headers.location).toMatch(/^\/exercises\/\d+\?saved=scheduled$/);
    const page = await t.http.get(res.headers.location as string).expect(200);
    expect(page.text).toContain('Exercise scheduled');
    expect(visibleText(page.text)).toContain('Planned for 20 January 2027');
    const list = visibleText((await t.http.get(`/plans/${planId}/exercises`).expect(200)).text);
    expect(list).toContain('20 January 2027 Tabletop exercise Version 2 Sam Manager Planned');
  });

  it('refuses a bad schedule with messages beside the fields, keeping what was typed', async () => {
    const before = await exerciseCount();
    const res = await t.http
      .post(`/plans/${planId}/exercises`)
      .type('form')
      .send({ type: 'fire_drill', 'exercise_on-day': '30', 'exercise_on-month': '2', 'exercise_on-year': '2027', plan_version_number: '7', coordinator_id: '99999', scenario: 'A <b>storm</b>' })
      .expect(400);
    const text = res.text;
    expect(text).toContain('There is a problem');
    expect(text).toContain('Select the type of exercise');
    expect(text).toContain('Select whether the exercise has happened yet');
    expect(text).toContain('Date of the exercise must be a real date');
    expect(text).toContain('id="exercise_on-day" name="exercise_on-day" type="text" value="30"');
    expect(text).toContain('A &lt;b&gt;storm&lt;/b&gt;');
    expect(await exerciseCount()).toBe(before);

    const ids = await t.http.post(`/plans/${planId}/exercises`).type('form').send({ type: 'tabletop', happened: 'no', exercise_on: '2027-02-10', plan_version_number: '7', coordinator_id: '99999' }).expect(400);
    expect(ids.text).toContain('Select the version of the plan exercised from the list');
    expect(ids.text).toContain('Select the coordinator from the list');
    // No draft to exercise: the plan has none.
    const draft = await t.http.post(`/plans/${planId}/exercises`).type('form').send({ type: 'tabletop', happened: 'no', exercise_on: '2027-02-10', plan_version_number: '' }).expect(400);
    expect(draft.text).toContain('Select the version of the plan exercised from the list');
    expect(await exerciseCount()).toBe(before);
  });

  it('records a test already held, with its outcome, in one post', async () => {
    const form = await t.http.get(`/plans/${planId}/exercises/new?happened=yes`).expect(200);
    expect(form.text).toMatch(/name="happened" type="radio" value="yes" checked/);
    const body = {
      type: 'call_cascade', happened: 'yes', 'exercise_on-day': '14', 'exercise_on-month': '10', 'exercise_on-year': '2026', plan_version_number: '2', coordinator_id: String(org.managerId),
      scenario: 'Out-of-hours call-out', result: 'passed_with_issues', recovery_hours: '2', lessons: 'Two numbers out of date',
    };
    const before = await exerciseCount();
    const noResult = await t.http.post(`/plans/${planId}/exercises`).type('form').send({ ...body, result: '' }).expect(400);
    expect(noResult.text).toContain('Select the result of the exercise');
    expect(noResult.text).toContain('Two numbers out of date');
    const future = await t.http.post(`/plans/${planId}/exercises`).type('form').send({ ...body, 'exercise_on-day': '14', 'exercise_on-month': '12' }).expect(400);
    expect(future.text).toContain('Date of the exercise must be today or in the past if it has happened');
    const planned = await t.http.post(`/plans/${planId}/exercises`).type('form').send({ ...body, happened: 'no' }).expect(400);
    expect(planned.text).toContain('Only an exercise that has happened has a result');
    expect(await exerciseCount()).toBe(before);

    const res = await t.http.post(`/plans/${planId}/exercises`).type('form').send(body).expect(303);
    expect(res.headers.location).toMatch(/^\/exercises\/\d+\?saved=recorded$/);
    const id = Number(/\/exercises\/(\d+)/.exec(res.headers.location as string)?.[1]);
    const saved = await t.handle.db.selectFrom('exercises').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ type: 'call_cascade', status: 'completed', planned_on: '2026-10-14', held_on: '2026-10-14', result: 'passed_with_issues', recovery_hours: 2, lessons: 'Two numbers out of date', plan_version_number: 2 });
    const page = visibleText((await t.http.get(res.headers.location as string).expect(200)).text);
    expect(page).toContain('Exercise recorded with its outcome');
    expect(page).toContain('Passed with issues');
    // It counts at once: the call cascade was last done that day.
    const list = visibleText((await t.http.get(`/plans/${planId}/exercises`).expect(200)).text);
    expect(list).toContain('Call cascade and communications test 14 October 2026 14 April 2027');
  });

  it('offers the draft only when the plan has one, labelled as the plan labels it', async () => {
    const draftOnly = await addPlanWithApprovals(t.handle.db, org, { approvals: [] });
    const res = await t.http.get(`/plans/${draftOnly}/exercises/new`).expect(200);
    expect(res.text).toContain('<option value="" selected>The draft (not yet approved)</option>');
    await t.http.post(`/plans/${draftOnly}/exercises`).type('form').send({ type: 'tabletop', happened: 'no', exercise_on: '2027-02-10', plan_version_number: '' }).expect(303);
    // An exercise recorded as of a draft since approved keeps saying so when it is changed.
    const ofOldDraft = await addExercise(t.handle.db, planId, { type: 'tabletop', planned_on: '2025-02-01', plan_version_number: null });
    const edit = await t.http.get(`/exercises/${ofOldDraft}/edit`).expect(200);
    expect(edit.text).toContain('<option value="" selected>A draft (as recorded)</option>');
  });

  it('records the outcome of a planned exercise, and refuses a result without completion', async () => {
    const id = await addExercise(t.handle.db, planId, { type: 'call_cascade', planned_on: '2026-11-10', plan_version_number: 2 });
    const form = await t.http.get(`/exercises/${id}/edit?outcome=1`).expect(200);
    expect(form.text).toContain('Record the outcome');
    expect(form.text).toMatch(/name="status" type="radio" value="completed" checked/);
    const base = hiddenBase(form.text);
    const body = { type: 'call_cascade', status: 'completed', planned_on: '2026-11-10', held_on: '2026-11-10', plan_version_number: '2', coordinator_id: '', result: 'passed_with_issues', recovery_hours: '6', lessons: 'Two numbers out of date', version: '1', base };

    const early = await t.http.post(`/exercises/${id}`).type('form').send({ ...body, status: 'planned' }).expect(400);
    expect(early.text).toContain('Only a completed exercise has a result');
    const future = await t.http.post(`/exercises/${id}`).type('form').send({ ...body, held_on: '2026-12-01' }).expect(400);
    expect(future.text).toContain('Date held must be today or in the past');
    const noResult = await t.http.post(`/exercises/${id}`).type('form').send({ ...body, result: '' }).expect(400);
    expect(noResult.text).toContain('Select the result of the exercise');
    const badHours = await t.http.post(`/exercises/${id}`).type('form').send({ ...body, recovery_hours: 'six' }).expect(400);
    expect(badHours.text).toContain('Enter the recovery time in hours');
    expect(badHours.text).toContain('value="six"');
    // The summary lists problems in the order of the form: the date held comes before the recovery time.
    const both = await t.http.post(`/exercises/${id}`).type('form').send({ ...body, held_on: '', recovery_hours: 'six' }).expect(400);
    expect(both.text.indexOf('href="#held_on-day"')).toBeGreaterThan(0);
    expect(both.text.indexOf('href="#held_on-day"')).toBeLessThan(both.text.indexOf('href="#recovery_hours"'));

    await t.http.post(`/exercises/${id}`).type('form').send(body).expect(303);
    const page = visibleText((await t.http.get(`/exercises/${id}`).expect(200)).text);
    expect(page).toContain('Completed');
    expect(page).toContain('Passed with issues');
    // The plan's tightest RTO is 4 hours (tests/support/plan-fixtures.ts).
    expect(page).toContain('6 hours against an RTO of 4 hours RTO missed');
  });

  it('refuses a stale save with 409, listing what the other person changed, and keeps the entry', async () => {
    const id = await addExercise(t.handle.db, planId, { type: 'tabletop', planned_on: '2027-03-01', scenario: 'Original' });
    const form = await t.http.get(`/exercises/${id}/edit`).expect(200);
    const base = hiddenBase(form.text);
    const body = { type: 'tabletop', status: 'planned', planned_on: '2027-03-01', held_on: '', plan_version_number: '', coordinator_id: '', scenario: 'Original', objectives: '', result: '', recovery_hours: '', lessons: '', version: '1', base };
    await t.http.post(`/exercises/${id}`).type('form').send({ ...body, planned_on: '2027-03-08' }).expect(303);
    const stale = await t.http.post(`/exercises/${id}`).type('form').send({ ...body, scenario: 'Loss of IT' }).expect(409);
    expect(stale.text).toContain('Someone else changed this');
    expect(visibleText(stale.text)).toContain('Planned date 8 March 2027 1 March 2027');
    expect(stale.text).toContain('id="planned_on-day" name="planned_on-day" type="text" value="8"');
    expect(stale.text).toContain('Loss of IT');
    const saved = await t.handle.db.selectFrom('exercises').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ planned_on: '2027-03-08', scenario: 'Original', version: 2 });
    // The save that went through is in the audit history, only the changed field, by the signed-in person.
    const events = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'exercise').where('entity_id', '=', id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'update', before: JSON.stringify({ planned_on: '2027-03-01' }), after: JSON.stringify({ planned_on: '2027-03-08' }) });
    expect(events[0]?.actor_name).toMatch(/^Test User/);
  });

  it('records a real invocation, which counts as a live exercise once lessons are logged', async () => {
    const invocationPlan = await addPlanWithApprovals(t.handle.db, org, { approvals: ['2026-01-05'], requiredTests: ['call_cascade', 'tabletop', 'live'] });
    const missing = await t.http.post(`/plans/${invocationPlan}/invocations`).type('form').send({ held_on: '2026-10-14', scenario: '', result: '' }).expect(400);
    expect(missing.text).toContain('Describe what happened');
    expect(missing.text).toContain('Select how the response went');

    const res = await t.http
      .post(`/plans/${invocationPlan}/invocations`)
      .type('form')
      .send({ held_on: '2026-10-14', plan_version_number: '1', scenario: 'Power cut at Rose Court', result: 'passed', recovery_hours: '3', lessons: '' })
      .expect(303);
    const id = Number(/\/exercises\/(\d+)/.exec(res.headers.location as string)?.[1]);
    const withoutLessons = visibleText((await t.http.get(`/plans/${invocationPlan}/exercises`).expect(200)).text);
    expect(withoutLessons).toMatch(/Live exercise Never/);

    const form = await t.http.get(`/exercises/${id}/edit`).expect(200);
    await t.http
      .post(`/exercises/${id}`)
      .type('form')
      .send({ type: 'real_invocation', status: 'completed', held_on: '2026-10-14', plan_version_number: '1', scenario: 'Power cut at Rose Court', result: 'passed', recovery_hours: '3', lessons: 'Generator fuel ran low', version: '1', base: hiddenBase(form.text) })
      .expect(303);
    const withLessons = visibleText((await t.http.get(`/plans/${invocationPlan}/exercises`).expect(200)).text);
    expect(withLessons).toContain('Live exercise 14 October 2026 14 October 2029');
  });

  it('will not turn an exercise into a real invocation', async () => {
    const id = await addExercise(t.handle.db, planId, { type: 'tabletop', planned_on: '2027-04-01' });
    const res = await t.http
      .post(`/exercises/${id}`)
      .type('form')
      .send({ type: 'real_invocation', status: 'completed', planned_on: '2027-04-01', held_on: '2026-11-01', result: 'passed', version: '1' })
      .expect(400);
    expect(res.text).toContain('Select the type of exercise from the list');
  });

  it('offers the buttons that change exercises only to those who may manage plans', async () => {
    const exerciseId = await addExercise(t.handle.db, planId, { type: 'call_cascade', status: 'completed', planned_on: '2026-10-01', held_on: '2026-10-01', result: 'passed' });
    await t.handle.db.insertInto('exercise_findings').values({ exercise_id: exerciseId, description: 'Numbers out of date', status: 'open' }).execute();
    expect((await t.http.get(`/plans/${planId}/exercises`).expect(200)).text).toContain('/findings/');
    const reader = await signInWith(t.app, t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    const page = await reader.get(`/plans/${planId}/exercises`).expect(200);
    expect(page.text).toContain('Tests and review');
    expect(page.text).not.toContain('Schedule an exercise');
    expect(page.text).not.toContain('Record a test already held');
    expect(page.text).not.toContain('/findings/');
    await reader.get(`/plans/${planId}/exercises/new`).expect(403);
    await reader.post(`/plans/${planId}/exercises`).type('form').send({}).expect(403);
    expect((await t.http.get(`/plans/${planId}/exercises`).expect(200)).text).toContain('Schedule an exercise');
  });

  it('answers 404 for exercises and plans that do not exist', async () => {
    await t.http.get('/exercises/99999').expect(404);
    await t.http.get('/plans/99999/exercises').expect(404);
    await t.http.get('/exercises/abc/edit').expect(404);
    await t.http.post('/findings/99999').type('form').send({}).expect(404);
  });
});

describe('findings', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let planId: number;
  let exerciseId: number;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    planId = await addPlanWithApprovals(t.handle.db, org, { approvals: ['2025-03-01', '2026-02-01', '2026-10-01'] });
    exerciseId = await addExercise(t.handle.db, planId, { status: 'completed', planned_on: '2026-06-01', held_on: '2026-06-01', result: 'passed_with_issues', plan_version_number: 2 });
  });
  afterAll(() => t.close());

  let lastRedirect = '';
  async function addFinding(description: string, dueOn = '2026-12-31'): Promise<number> {
    const res = await t.http.post(`/exercises/${exerciseId}/findings`).type('form').send({ description, owner_id: String(org.managerId), due_on: dueOn }).expect(303);
    lastRedirect = res.headers.location as string;
    const row = await t.handle.db.selectFrom('exercise_findings').select('id').where('description', '=', description).executeTakeFirstOrThrow();
    return row.id;
  }

  it('adds a finding as an open action, and refuses one without a description', async () => {
    const bad = await t.http.post(`/exercises/${exerciseId}/findings`).type('form').send({ description: '', owner_id: '424242', 'due_on-day': 'soon', 'due_on-month': '', 'due_on-year': '2027' }).expect(400);
    expect(bad.text).toContain('Describe what the exercise found');
    expect(bad.text).toContain('Due date must include a month');
    expect(bad.text).toContain('id="due_on-day" name="due_on-day" type="text" value="soon"');
    await addFinding('Cascade list out of date', '2026-11-01');
    expect(lastRedirect).toBe(`/exercises/${exerciseId}?saved=finding-added`);
    const page = visibleText((await t.http.get(lastRedirect).expect(200)).text);
    expect(page).toContain('Finding added');
    expect(page).toContain('Cascade list out of date Sam Manager 1 November 2026 Overdue Open');
  });

  it('closes a finding only by naming an approved version later than the one exercised', async () => {
    const id = await addFinding('No out-of-hours number for facilities');
    const form = await t.http.get(`/findings/${id}/edit`).expect(200);
    // Versions 1 and 2 are not offered: version 2 was exercised.
    expect(form.text).toContain('<option value="3">Version 3, approved 1 October 2026</option>');
    expect(form.text).not.toContain('Version 2, approved');
    const body = { description: 'No out-of-hours number for facilities', owner_id: String(org.managerId), due_on: '2026-12-31', status: 'closed', closed_by_version_number: '', closed_on: '', version: '1', base: hiddenBase(form.text) };

    const unnamed = await t.http.post(`/findings/${id}`).type('form').send(body).expect(400);
    expect(unnamed.text).toContain('Select the plan version that fixed it');
    expect(unnamed.text).toContain('Enter the date the finding was closed');
    const earlier = await t.http.post(`/findings/${id}`).type('form').send({ ...body, closed_by_version_number: '2', closed_on: '2026-11-20' }).expect(400);
    expect(earlier.text).toContain('Select a version later than version 2, the one exercised');
    const future = await t.http.post(`/findings/${id}`).type('form').send({ ...body, closed_by_version_number: '3', closed_on: '2026-12-20' }).expect(400);
    expect(future.text).toContain('Date closed must be today or in the past');

    const closed = await t.http.post(`/findings/${id}`).type('form').send({ ...body, closed_by_version_number: '3', closed_on: '2026-11-20' }).expect(303);
    expect(closed.headers.location).toBe(`/exercises/${exerciseId}?saved=finding-closed`);
    const page = visibleText((await t.http.get(closed.headers.location as string).expect(200)).text);
    expect(page).toContain('Finding closed');
    expect(page).toContain('Closed by version 3, 20 November 2026');
  });

  it('refuses a stale update of a finding with 409', async () => {
    const id = await addFinding('Loggist untrained');
    const form = await t.http.get(`/findings/${id}/edit`).expect(200);
    const body = { description: 'Loggist untrained', owner_id: String(org.managerId), due_on: '2026-12-31', status: 'in_progress', closed_by_version_number: '', closed_on: '', version: '1', base: hiddenBase(form.text) };
    await t.http.post(`/findings/${id}`).type('form').send(body).expect(303);
    const stale = await t.http.post(`/findings/${id}`).type('form').send({ ...body, due_on: '2027-01-31' }).expect(409);
    expect(stale.text).toContain('Someone else saved this finding');
    const saved = await t.handle.db.selectFrom('exercise_findings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ status: 'in_progress', due_on: '2026-12-31', version: 2 });
  });
});
