import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { formFields, hiddenBase as maybeBase } from '../support/forms';
import { startTestApp, type TestApp } from '../support/test-app';

function hiddenBase(html: string): string {
  const base = maybeBase(html);
  if (base === undefined) throw new Error('the form carries no base');
  return base;
}


describe('admin: sites', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let teamId: number;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    teamId = (await t.handle.db.insertInto('nodes').values({ parent_id: org.unitId, kind: 'team', name: 'Appeals London Team', code: 'AU-LON' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const siteNamed = (name: string) => t.handle.db.selectFrom('sites').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  const nodesAt = async (siteId: number) => (await t.handle.db.selectFrom('node_sites').select('node_id').where('site_id', '=', siteId).orderBy('node_id').execute()).map((r) => r.node_id);

  it('adds a site with the unit and team that work there', async () => {
    await t.http.post('/admin/sites').type('form').send(`name=London&address=${encodeURIComponent('Rose Court, London SE1')}&node_ids=${org.unitId}&node_ids=${teamId}`).expect(303);
    const london = await siteNamed('London');
    expect(london.address).toBe('Rose Court, London SE1');
    expect(await nodesAt(london.id)).toEqual([org.unitId, teamId].sort((a, b) => a - b));
    const list = await t.http.get('/admin/sites?saved=added').expect(200);
    expect(list.text).toContain('Site added');
    expect(list.text).toContain('Appeals London Team');
  });

  it('lets a unit span a second site but keeps a team at one, saying why', async () => {
    const res = await t.http.post('/admin/sites').type('form').send(`name=York&address=&node_ids=${org.unitId}&node_ids=${teamId}`).expect(400);
    expect(res.text).toContain('Appeals London Team already works at London: a team works at one site');
    expect(res.text).toMatch(new RegExp(`value="${teamId}" checked`));
    await t.http.post('/admin/sites').type('form').send(`name=York&address=&node_ids=${org.unitId}`).expect(303);
    expect(await nodesAt((await siteNamed('York')).id)).toEqual([org.unitId]);
  });

  it('refuses a duplicate name, an empty name and nodes that do not exist', async () => {
    const dup = await t.http.post('/admin/sites').type('form').send({ name: 'london', address: '' }).expect(400);
    expect(dup.text).toContain('There is already a site called london');
    const bad = await t.http.post('/admin/sites').type('form').send({ name: ' ', address: '', node_ids: '99999' }).expect(400);
    expect(bad.text).toContain('Enter the name of the site');
    const ghost = await t.http.post('/admin/sites').type('form').send({ name: 'Leeds', address: '', node_ids: '99999' }).expect(400);
    expect(ghost.text).toContain('Select parts of the organisation from the list');
  });

  it('edits a site, and refuses a stale edit with 409', async () => {
    const london = await siteNamed('London');
    const form = await t.http.get(`/admin/sites/${london.id}/edit`).expect(200);
    const base = hiddenBase(form.text);
    await t.http.post(`/admin/sites/${london.id}`).type('form').send(`name=London&address=${encodeURIComponent('102 Petty France')}&node_ids=${org.unitId}&base=${encodeURIComponent(base)}`).expect(303);
    expect(await siteNamed('London')).toMatchObject({ address: '102 Petty France' });
    expect(await nodesAt(london.id)).toEqual([org.unitId]);
    const stale = await t.http.post(`/admin/sites/${london.id}`).type('form').send(`name=London&address=${encodeURIComponent('Old address')}&base=${encodeURIComponent(base)}`).expect(409);
    expect(stale.text).toContain('Someone else changed this');
    expect(stale.text).toContain('102 Petty France');
    expect((await siteNamed('London')).address).toBe('102 Petty France');
    const events = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'site').where('entity_id', '=', london.id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect([JSON.parse(events[1]?.before ?? ''), JSON.parse(events[1]?.after ?? '')]).toEqual([
      { address: 'Rose Court, London SE1', works_here: 'Appeals London Team, Appeals Unit' },
      { address: '102 Petty France', works_here: 'Appeals Unit' },
    ]);
  });
});

describe('admin: categories and strategic objectives', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  const categories = () => t.handle.db.selectFrom('categories').selectAll().orderBy('sort_order').execute();

  it('adds a category at the end with its appetite, and lists it', async () => {
    await t.http.post('/admin/categories').type('form').send({ name: 'Security', appetite_rank: '1' }).expect(303);
    const all = await categories();
    expect(all.at(-1)).toMatchObject({ name: 'Security', appetite_rank: 1 });
    const page = await t.http.get('/admin/categories').expect(200);
    expect(page.text).toContain('Security');
    expect(page.text).toContain('bw-level bw-level-1');
  });

  it('refuses a category without a name, with an appetite that is not a level, or named like another', async () => {
    const res = await t.http.post('/admin/categories').type('form').send({ name: '', appetite_rank: 'High' }).expect(400);
    expect(res.text).toContain('Enter the name of the category');
    expect(res.text).toContain('Select the highest acceptable level');
    const notLevel = await t.http.post('/admin/categories').type('form').send({ name: 'Security', appetite_rank: '9' }).expect(400);
    expect(notLevel.text).toContain('Select the highest acceptable level');
    const dup = await t.http.post('/admin/categories').type('form').send({ name: 'operational', appetite_rank: '2' }).expect(400);
    expect(dup.text).toContain('There is already a category called operational');
    expect(dup.text).toContain('value="operational"');
  });

  it('renames a category and changes its appetite, and the register judges by the new appetite', async () => {
    // Current 3×4 is High (3); Operational's default appetite is High, so not above appetite until lowered to Medium.
    const riskId = await addRisk(t.handle.db, org);
    expect((await t.http.get(`/risks/${riskId}`)).text).not.toContain('Above appetite');
    const form = await t.http.get(`/admin/categories/${org.categoryId}/edit`).expect(200);
    await t.http.post(`/admin/categories/${org.categoryId}`).type('form').send({ name: 'Operations', appetite_rank: '2', base: hiddenBase(form.text) }).expect(303);
    const risk = await t.http.get(`/risks/${riskId}`).expect(200);
    expect(risk.text).toContain('Above appetite for Operations');
    const stale = await t.http.post(`/admin/categories/${org.categoryId}`).type('form').send({ name: 'Ops', appetite_rank: '3', base: hiddenBase(form.text) }).expect(409);
    expect(stale.text).toContain('Someone else changed this');
  });

  it('reorders with move up and move down', async () => {
    const [first, second] = await categories();
    await t.http.post(`/admin/categories/${second?.id}/move`).type('form').send({ direction: 'up' }).expect(303);
    const [newFirst, newSecond] = await categories();
    expect([newFirst?.id, newSecond?.id]).toEqual([second?.id, first?.id]);
    await t.http.post(`/admin/categories/${second?.id}/move`).type('form').send({ direction: 'sideways' }).expect(400);
    // Each item whose place changed is audited: the two that swapped.
    const moves = await t.handle.db.selectFrom('audit_events').select(['entity_id', 'before', 'after']).where('entity_type', '=', 'category').where('action', '=', 'update').where('before', 'like', '%sort_order%').execute();
    expect(moves.map((m) => m.entity_id).sort()).toEqual([first?.id, second?.id].sort());
  });

  it('deletes an unused category but refuses one used by risks, saying to rename it', async () => {
    const security = (await categories()).find((c) => c.name === 'Security');
    const used = await t.http.post(`/admin/categories/${org.categoryId}/delete`).expect(409);
    expect(used.text).toContain('Operations is used by 1 risk, so it cannot be deleted: rename it instead');
    expect((await categories()).some((c) => c.id === org.categoryId)).toBe(true);
    await t.http.post(`/admin/categories/${security?.id}/delete`).expect(303);
    expect((await categories()).some((c) => c.name === 'Security')).toBe(false);
    const deleted = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'category').where('entity_id', '=', security?.id ?? 0).where('action', '=', 'delete').executeTakeFirstOrThrow();
    expect(JSON.parse(deleted.before ?? '')).toMatchObject({ name: 'Security', appetite_rank: 1 });
  });

  it('adds, renames and reorders strategic objectives, and keeps one in use', async () => {
    await t.http.post('/admin/objectives').type('form').send({ title: 'Support victims and witnesses' }).expect(303);
    const added = await t.handle.db.selectFrom('objectives').selectAll().where('title', '=', 'Support victims and witnesses').executeTakeFirstOrThrow();
    await t.http.post(`/admin/objectives/${added.id}/move`).type('form').send({ direction: 'up' }).expect(303);
    const order = await t.handle.db.selectFrom('objectives').select('id').orderBy('sort_order').execute();
    expect(order[0]?.id).toBe(added.id);
    const form = await t.http.get(`/admin/objectives/${org.objectiveId}/edit`).expect(200);
    await t.http.post(`/admin/objectives/${org.objectiveId}`).type('form').send({ title: 'Deliver excellent casework', base: hiddenBase(form.text) }).expect(303);
    const empty = await t.http.post('/admin/objectives').type('form').send({ title: '' }).expect(400);
    expect(empty.text).toContain('Enter the strategic objective');
    await addRisk(t.handle.db, org);
    expect((await t.http.post(`/admin/objectives/${org.objectiveId}/delete`).expect(409)).text).toContain('Deliver excellent casework is used by');
  });
});

describe('admin: the risk matrix', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  it('shows the form as the 5×5 grid, with a select per cell', async () => {
    const res = await t.http.get('/admin/matrix').expect(200);
    for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) expect(res.text).toContain(`name="cell_${l}_${i}"`);
    expect(res.text).toContain('value="#d4351c"');
  });

  it('saves labels, colours and cell levels, and every page uses them at once', async () => {
    const riskId = await addRisk(t.handle.db, org, { current_likelihood: 3, current_impact: 4 });
    const fields = formFields((await t.http.get('/admin/matrix').expect(200)).text);
    await t.http.post('/admin/matrix').type('form').send({
      ...fields,
      level_4_name: 'Critical',
      level_4_colour: '#8B0000',
      likelihood_3_label: 'Even chance',
      cell_3_4: '4', cell_3_5: '4', cell_4_4: '4', cell_4_5: '4', cell_5_4: '4', cell_5_5: '4',
    }).expect(303);
    const css = await t.http.get('/matrix.css').expect(200);
    expect(css.text).toContain('.bw-level-4{background-color:#8b0000;color:#ffffff}');
    const risk = await t.http.get(`/risks/${riskId}`).expect(200);
    expect(risk.text).toContain('Critical 12');
    expect(risk.text).toContain('Even chance');
    const [event, ...more] = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'matrix').execute();
    expect(more).toEqual([]);
    // Only what changed: cell 3,4 went from High to Critical; the other cells were already at that level.
    expect(JSON.parse(event?.before ?? '')).toEqual({ level_4_name: 'Very high', level_4_colour: '#d4351c', likelihood_3_label: 'Possible', cell_3_4: '3' });
    expect(JSON.parse(event?.after ?? '')).toEqual({ level_4_name: 'Critical', level_4_colour: '#8b0000', likelihood_3_label: 'Even chance', cell_3_4: '4' });
  });

  it('refuses bad colours, unreadable text, a missing cell and a cell lower than its neighbour, keeping what was typed', async () => {
    const fields = formFields((await t.http.get('/admin/matrix').expect(200)).text);
    const { cell_2_2: _dropped, ...withoutCell } = fields;
    const before = await t.handle.db.selectFrom('matrix_levels').selectAll().execute();
    const res = await t.http.post('/admin/matrix').type('form').send({
      ...withoutCell,
      level_1_colour: 'green',
      level_2_text_colour: '#ffffff',
      likelihood_1_label: '',
      cell_5_5: '1',
      impact_2_description: 'Typed <i>before</i> the mistake',
    }).expect(400);
    expect(res.text).toContain('Enter the colour of level 1 as # and six hexadecimal digits');
    expect(res.text).toContain('The text colour of Medium is too hard to read on its colour');
    expect(res.text).toContain('Choose a level for likelihood 2, impact 2');
    expect(res.text).toContain('Enter a label for likelihood 1');
    expect(res.text).toContain('Likelihood 5, impact 5 cannot be Low when likelihood 4, impact 5 is');
    expect(res.text).toContain('value="Typed &lt;i&gt;before&lt;/i&gt; the mistake"');
    expect(await t.handle.db.selectFrom('matrix_levels').selectAll().execute()).toEqual(before);
  });

  it('refuses a save from a stale form with 409, naming what changed', async () => {
    const fields = formFields((await t.http.get('/admin/matrix').expect(200)).text);
    await t.http.post('/admin/matrix').type('form').send({ ...fields, impact_5_label: 'Catastrophic' }).expect(303);
    const stale = await t.http.post('/admin/matrix').type('form').send({ ...fields, level_1_name: 'Minimal' }).expect(409);
    expect(stale.text).toContain('Someone else changed this');
    expect(stale.text).toContain('Catastrophic');
    const label = await t.handle.db.selectFrom('matrix_levels').select('name').where('rank', '=', 1).executeTakeFirstOrThrow();
    expect(label.name).toBe('Low');
  });
});

describe('admin: cadences and settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const setting = async (key: string) => JSON.parse((await t.handle.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value) as unknown;

  it('has every cadence seeded with its default', async () => {
    expect(await setting('plan_review_months')).toBe(12);
    expect(await setting('exercise_months_call_cascade')).toBe(6);
    expect(await setting('exercise_months_tabletop')).toBe(12);
    expect(await setting('exercise_months_live')).toBe(36);
    expect(await setting('return_deadline_days')).toBe(15);
    const page = await t.http.get('/admin/settings').expect(200);
    expect(page.text).toMatch(/<option value="4" selected>April<\/option>/);
  });

  it('saves the financial year, review cadences per register kind, plan review and exercise cadences', async () => {
    const fields = formFields((await t.http.get('/admin/settings').expect(200)).text);
    await t.http.post('/admin/settings').type('form').send({ ...fields, fy_start_month: '1', review_cadence_project: '6', plan_review_months: '24', exercise_months_live: '48', return_deadline_days: '20' }).expect(303);
    expect(await setting('return_deadline_days')).toBe(20);
    expect(await setting('fy_start_month')).toBe(1);
    expect(await setting('review_cadence_months')).toEqual({ divisional: 3, unit: 3, project: 6, case: 3, thematic: 3 });
    expect(await setting('plan_review_months')).toBe(24);
    expect(await setting('exercise_months_live')).toBe(48);
    const [event, ...more] = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'settings').execute();
    expect(more).toEqual([]);
    expect(JSON.parse(event?.before ?? '')).toEqual({ fy_start_month: 4, review_cadence_months: { divisional: 3, unit: 3, project: 3, case: 3, thematic: 3 }, plan_review_months: 12, exercise_months_live: 36, return_deadline_days: 15 });
    expect(JSON.parse(event?.after ?? '')).toEqual({ fy_start_month: 1, review_cadence_months: { divisional: 3, unit: 3, project: 6, case: 3, thematic: 3 }, plan_review_months: 24, exercise_months_live: 48, return_deadline_days: 20 });
    // Quarters follow the new financial year at once.
    expect((await t.http.get('/').expect(200)).text).toContain('2026 Q4');
  });

  it('refuses cadences that are not whole quarters or out of range, keeping what was typed', async () => {
    const fields = formFields((await t.http.get('/admin/settings').expect(200)).text);
    const res = await t.http.post('/admin/settings').type('form').send({ ...fields, fy_start_month: '13', review_cadence_unit: '4', plan_review_months: 'twelve', exercise_months_tabletop: '0', return_deadline_days: '91' }).expect(400);
    expect(res.text).toContain('Enter the days after a quarter ends by which its return is due, from 0 to 90');
    expect(res.text).toContain('Select the month the financial year starts');
    expect(res.text).toContain('Enter the review cadence of unit registers in months: 3, 6, 9');
    expect(res.text).toContain('Enter the months between plan reviews, from 1 to 60');
    expect(res.text).toContain('Enter the months between exercises of this type, from 1 to 120');
    expect(res.text).toContain('value="twelve"');
    expect(await setting('plan_review_months')).toBe(24);
  });

  it('refuses a save from a stale form with 409', async () => {
    const fields = formFields((await t.http.get('/admin/settings').expect(200)).text);
    await t.http.post('/admin/settings').type('form').send({ ...fields, plan_review_months: '18' }).expect(303);
    const stale = await t.http.post('/admin/settings').type('form').send({ ...fields, exercise_months_tabletop: '9' }).expect(409);
    expect(stale.text).toContain('Someone else changed this');
    expect(await setting('exercise_months_tabletop')).toBe(12);
  });
});
