import { addRisk, riskFormBody, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

describe('admin: the organisation tree', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  const nodeNamed = (name: string) => t.handle.db.selectFrom('nodes').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  const nodeById = (id: number) => t.handle.db.selectFrom('nodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const nodeCount = async () => (await t.handle.db.selectFrom('nodes').select('id').execute()).length;

  it('is linked from the header and the admin page, and shows the whole tree', async () => {
    const home = await t.http.get('/').expect(200);
    expect(home.text).toContain('href="/admin"');
    const admin = await t.http.get('/admin').expect(200);
    for (const href of ['/admin/nodes', '/admin/sites', '/admin/categories', '/admin/objectives', '/admin/matrix', '/admin/settings']) expect(admin.text).toContain(`href="${href}"`);
    const tree = await t.http.get('/admin/nodes').expect(200);
    for (const name of ['Headquarters', 'Special Crime Division', 'Appeals Unit']) expect(tree.text).toContain(name);
    expect(tree.text).toContain(`href="/admin/nodes/new?parent=${org.unitId}"`);
  });

  it('adds a team under a unit, with its code in capitals', async () => {
    const form = await t.http.get(`/admin/nodes/new?parent=${org.unitId}`).expect(200);
    expect(form.text).toMatch(/value="team"\s+checked/);
    const res = await t.http.post('/admin/nodes').type('form').send({ kind: 'team', parent_id: String(org.unitId), name: 'Appeals York Team', code: 'scd-au-york' }).expect(303);
    expect(res.headers.location).toContain('saved=added');
    const team = await nodeNamed('Appeals York Team');
    expect(team).toMatchObject({ kind: 'team', parent_id: org.unitId, code: 'SCD-AU-YORK', retired_on: null, version: 1 });
    expect((await t.http.get(res.headers.location as string)).text).toContain('Part of the organisation added');
  });

  it('refuses a node whose kind does not fit its parent, keeping what was typed', async () => {
    const before = await nodeCount();
    const res = await t.http.post('/admin/nodes').type('form').send({ kind: 'team', parent_id: String(org.divisionId), name: 'Misplaced <b>team</b>', code: 'MIS' }).expect(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('A team goes under a unit, and Special Crime Division is a division');
    expect(res.text).toContain('value="Misplaced &lt;b&gt;team&lt;/b&gt;"');
    expect(await nodeCount()).toBe(before);
  });

  it('refuses a code already used, whatever its case, an empty name, a bad code and a parent that does not exist', async () => {
    const taken = await t.http.post('/admin/nodes').type('form').send({ kind: 'unit', parent_id: String(org.divisionId), name: 'Another unit', code: 'scd' }).expect(400);
    expect(taken.text).toContain('SCD is already the code of Special Crime Division: codes must be unique');
    const bad = await t.http.post('/admin/nodes').type('form').send({ kind: 'unit', parent_id: '99999', name: '', code: 'A B' }).expect(400);
    expect(bad.text).toContain('Enter a name');
    expect(bad.text).toContain('Enter a code of capital letters, digits and hyphens');
    const ghost = await t.http.post('/admin/nodes').type('form').send({ kind: 'unit', parent_id: '99999', name: 'Ghost', code: 'GHOST' }).expect(400);
    expect(ghost.text).toContain('Choose where it goes from the list');
    const second = await t.http.post('/admin/nodes').type('form').send({ kind: 'organisation', parent_id: '', name: 'Second HQ', code: 'HQ2' }).expect(400);
    expect(second.text).toContain('There is already an organisation');
  });

  it('renames a node, and refuses a stale rename with 409 showing the other change', async () => {
    const form = await t.http.get(`/admin/nodes/${org.unitId}/edit`).expect(200);
    expect(form.text).toContain('name="version" value="1"');
    await t.http.post(`/admin/nodes/${org.unitId}`).type('form').send({ name: 'Appeals and Review Unit', code: 'SCD-ARU', version: '1' }).expect(303);
    expect(await nodeById(org.unitId)).toMatchObject({ name: 'Appeals and Review Unit', code: 'SCD-ARU', version: 2 });
    const stale = await t.http.post(`/admin/nodes/${org.unitId}`).type('form').send({ name: 'Appeals Unit (old form)', code: 'SCD-AU', version: '1' }).expect(409);
    expect(stale.text).toContain('Someone else changed this');
    expect(stale.text).toContain('Appeals and Review Unit');
    expect(stale.text).toContain('name="version" value="2"');
    expect((await nodeById(org.unitId)).name).toBe('Appeals and Review Unit');
    const taken = await t.http.post(`/admin/nodes/${org.unitId}`).type('form').send({ name: 'Appeals and Review Unit', code: 'HQ', version: '2' }).expect(400);
    expect(taken.text).toContain('HQ is already the code of Headquarters');
  });

  it('moves a unit to another division', async () => {
    await t.http.post('/admin/nodes').type('form').send({ kind: 'division', parent_id: String(org.hqId), name: 'International Division', code: 'INT' }).expect(303);
    const international = await nodeNamed('International Division');
    const unit = await nodeById(org.unitId);
    const form = await t.http.get(`/admin/nodes/${org.unitId}/move`).expect(200);
    expect(form.text).toContain(`<option value="${international.id}"`);
    expect(form.text).not.toContain(`<option value="${org.divisionId}"`);
    await t.http.post(`/admin/nodes/${org.unitId}/move`).type('form').send({ parent_id: String(international.id), version: String(unit.version) }).expect(303);
    expect(await nodeById(org.unitId)).toMatchObject({ parent_id: international.id, version: unit.version + 1 });
    // And back, so the other tests keep their shape.
    await t.http.post(`/admin/nodes/${org.unitId}/move`).type('form').send({ parent_id: String(org.divisionId), version: String(unit.version + 1) }).expect(303);
  });

  it('refuses to move a node under itself or under its own descendants', async () => {
    const division = await nodeById(org.divisionId);
    const underUnit = await t.http.post(`/admin/nodes/${org.divisionId}/move`).type('form').send({ parent_id: String(org.unitId), version: String(division.version) }).expect(400);
    expect(underUnit.text).toContain('Special Crime Division cannot be moved under Appeals and Review Unit, which is below it');
    const team = await nodeNamed('Appeals York Team');
    const underTeam = await t.http.post(`/admin/nodes/${org.divisionId}/move`).type('form').send({ parent_id: String(team.id), version: String(division.version) }).expect(400);
    expect(underTeam.text).toContain('which is below it');
    const underItself = await t.http.post(`/admin/nodes/${org.divisionId}/move`).type('form').send({ parent_id: String(org.divisionId), version: String(division.version) }).expect(400);
    expect(underItself.text).toContain('Special Crime Division cannot be moved under itself');
    expect(await nodeById(org.divisionId)).toEqual(division);
  });

  it('refuses a move from a stale form with 409', async () => {
    const international = await nodeNamed('International Division');
    const unit = await nodeById(org.unitId);
    const res = await t.http.post(`/admin/nodes/${org.unitId}/move`).type('form').send({ parent_id: String(international.id), version: String(unit.version - 1) }).expect(409);
    expect(res.text).toContain('Someone else changed this');
    expect((await nodeById(org.unitId)).parent_id).toBe(org.divisionId);
  });

  it('asks for open risks and live children to be dealt with before retiring', async () => {
    await addRisk(t.handle.db, org, { register_id: org.unitRegisterId });
    const unit = await nodeById(org.unitId);
    const page = await t.http.get(`/admin/nodes/${org.unitId}/retire`).expect(200);
    expect(page.text).toContain('It cannot be retired yet');
    const res = await t.http.post(`/admin/nodes/${org.unitId}/retire`).type('form').send({ version: String(unit.version) }).expect(409);
    expect(res.text).toContain('Move or retire what is below it first: Appeals York Team');
    expect(res.text).toContain('Close its open risk first');
    expect((await nodeById(org.unitId)).retired_on).toBeNull();
  });

  it('retires a team: gone from the overview and pickers, its register still readable, and it can be reinstated', async () => {
    const team = await nodeNamed('Appeals York Team');
    await t.handle.db.insertInto('registers').values({ node_id: team.id, kind: 'unit', name: 'Appeals York register', code: 'SCD-AU-YORK' }).execute();
    await t.http.post(`/admin/nodes/${team.id}/retire`).type('form').send({ version: String(team.version) }).expect(303);
    expect(await nodeById(team.id)).toMatchObject({ retired_on: TODAY, version: team.version + 1 });

    expect((await t.http.get('/').expect(200)).text).not.toContain('Appeals York Team');
    expect((await t.http.get(`/nodes/${org.unitId}`).expect(200)).text).not.toContain(`href="/nodes/${team.id}"`);
    const tree = await t.http.get('/admin/nodes').expect(200);
    expect(tree.text).toContain('Appeals York Team');
    expect(tree.text).toContain('Retired 23 November 2026');
    const register = await t.http.get(`/nodes/${team.id}`).expect(200);
    expect(register.text).toContain('Retired 23 November 2026');
    expect(register.text).not.toContain('Add a risk');
    await t.http.post(`/nodes/${team.id}/risks`).type('form').send(riskFormBody(org)).expect(409);
    // Pickers: nothing can be added or moved under a retired node.
    expect((await t.http.get('/admin/nodes/new').expect(200)).text).not.toContain(`<option value="${team.id}"`);

    await t.http.post(`/admin/nodes/${team.id}/reinstate`).type('form').send({ version: String(team.version + 1) }).expect(303);
    expect((await nodeById(team.id)).retired_on).toBeNull();
    expect((await t.http.get('/').expect(200)).text).toContain('Appeals York Team');
  });

  it('never retires the organisation, and answers 404 for a node that does not exist', async () => {
    const hq = await nodeById(org.hqId);
    const res = await t.http.post(`/admin/nodes/${org.hqId}/retire`).type('form').send({ version: String(hq.version) }).expect(409);
    expect(res.text).toContain('The organisation itself cannot be retired');
    await t.http.get('/admin/nodes/99999/edit').expect(404);
    await t.http.post('/admin/nodes/abc/move').type('form').send({ parent_id: '1', version: '1' }).expect(404);
  });
});

describe('admin: every change to the tree is audited in the same transaction', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  const eventsOf = (entityId: number) =>
    t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'node').where('entity_id', '=', entityId).orderBy('id').execute();

  it('records who added, renamed, moved and retired a node, with the changed fields only', async () => {
    await t.http.post('/admin/nodes').type('form').send({ kind: 'team', parent_id: String(org.unitId), name: 'York Team', code: 'YORK' }).expect(303);
    const team = await t.handle.db.selectFrom('nodes').selectAll().where('code', '=', 'YORK').executeTakeFirstOrThrow();
    await t.http.post(`/admin/nodes/${team.id}`).type('form').send({ name: 'York Casework Team', code: 'YORK', version: '1' }).expect(303);
    await t.http.post(`/admin/nodes/${team.id}/retire`).type('form').send({ version: '2' }).expect(303);
    const events = await eventsOf(team.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect(events[0]).toMatchObject({ node_id: team.id, subject: 'York Team (YORK)' });
    expect(JSON.parse(events[0]?.after ?? '{}')).toMatchObject({ kind: 'team', name: 'York Team', code: 'YORK', parent_id: org.unitId });
    expect([JSON.parse(events[1]?.before ?? ''), JSON.parse(events[1]?.after ?? '')]).toEqual([{ name: 'York Team' }, { name: 'York Casework Team' }]);
    expect([JSON.parse(events[2]?.before ?? ''), JSON.parse(events[2]?.after ?? '')]).toEqual([{ retired_on: null }, { retired_on: TODAY }]);
    for (const event of events) {
      expect(event.actor_user_id).not.toBeNull();
      expect(event.actor_name).toMatch(/^Test User/);
    }
  });

  it('records nothing for a refused or stale change', async () => {
    const before = await t.handle.db.selectFrom('audit_events').select('id').execute();
    await t.http.post(`/admin/nodes/${org.divisionId}/move`).type('form').send({ parent_id: String(org.unitId), version: '1' }).expect(400);
    await t.http.post(`/admin/nodes/${org.unitId}`).type('form').send({ name: 'Stale', code: 'STALE', version: '99' }).expect(409);
    await t.http.post('/admin/nodes').type('form').send({ kind: 'team', parent_id: String(org.divisionId), name: 'Misplaced', code: 'MIS' }).expect(400);
    expect(await t.handle.db.selectFrom('audit_events').select('id').execute()).toEqual(before);
  });
});
