import { addRisk, riskFormBody, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { visibleText } from '../support/forms';
import { startTestApp, type TestApp } from '../support/test-app';
import { signInWith } from '../support/users';

// Registers are managed, not only seeded; and a risk moves between registers keeping its
// reference, reviews and history.

describe('managing registers', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  const registersOf = (nodeId: number) => t.handle.db.selectFrom('registers').selectAll().where('node_id', '=', nodeId).orderBy('id').execute();

  it('a new team gets its first risk with a register created on the way, keeping what was typed when the code is taken', async () => {
    const team = await t.handle.db.insertInto('nodes').values({ parent_id: org.unitId, kind: 'team', name: 'York Team', code: 'SCD-AU-YOR' }).returning('id').executeTakeFirstOrThrow();
    const form = await t.http.get(`/nodes/${team.id}/risks/new`).expect(200);
    expect(visibleText(form.text)).toContain('has no open register yet');
    expect(form.text).toContain('value="SCD-AU-YOR"');
    const body = { ...riskFormBody(org, { title: 'Loss of the York lease' }), register_id: '', new_register_kind: 'unit', new_register_name: 'York Team register', new_register_code: 'scd' };
    const taken = await t.http.post(`/nodes/${team.id}/risks`).type('form').send(body).expect(400);
    expect(taken.text).toContain('SCD is already the code of Special Crime divisional register');
    expect(taken.text).toContain('value="Loss of the York lease"');
    expect(await registersOf(team.id)).toEqual([]);
    const added = await t.http.post(`/nodes/${team.id}/risks`).type('form').send({ ...body, new_register_code: 'scd-au-yor' }).expect(303);
    const page = visibleText((await t.http.get(added.headers.location as string).expect(200)).text);
    expect(page).toContain('SCD-AU-YOR-R01');
    expect(page).toContain('York Team register');
    expect((await registersOf(team.id)).map((g) => [g.code, g.kind])).toEqual([['SCD-AU-YOR', 'unit']]);
  });

  it('adds, renames and closes a register, refusing to close one with open risks', async () => {
    const added = await t.http.post(`/nodes/${org.divisionId}/registers`).type('form').send({ kind: 'case', name: 'Operation Hawthorn case register', code: 'SCD-HAW' }).expect(303);
    expect(added.headers.location).toMatch(/\/nodes\/\d+\/registers\?saved=added/);
    const register = (await registersOf(org.divisionId)).find((g) => g.code === 'SCD-HAW');
    if (!register) throw new Error('not added');
    const riskId = await addRisk(t.handle.db, org, { register_id: register.id, title: 'Disclosure schedule incomplete' });
    await t.http.post(`/registers/${register.id}`).type('form').send({ name: 'Hawthorn case register', code: 'SCD-HAWTHORN', version: '1' }).expect(303);
    const refused = await t.http.post(`/registers/${register.id}/close`).type('form').send({ version: '2' }).expect(409);
    expect(visibleText(refused.text)).toContain('Hawthorn case register holds 1 open risk: close them or move them to another register first');
    await t.handle.db.updateTable('risks').set({ status: 'closed', closed_on: '2026-11-20', closure_reason: 'Case concluded' }).where('id', '=', riskId).execute();
    await t.http.post(`/registers/${register.id}/close`).type('form').send({ version: '2' }).expect(303);
    const closed = (await registersOf(org.divisionId)).find((g) => g.id === register.id);
    expect(closed?.closed_on).toBe('2026-11-23');
    // Closed: stays readable, takes no new risk.
    const list = visibleText((await t.http.get(`/nodes/${org.divisionId}/registers`).expect(200)).text);
    expect(list).toContain('Hawthorn case register');
    expect(list).toContain('Closed 23 November 2026');
    const refusedRisk = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(riskFormBody(org, { register_id: String(register.id) })).expect(400);
    expect(refusedRisk.text).toContain('Select a register of this part of the organisation');
    const events = await t.handle.db.selectFrom('audit_events').select(['action', 'after']).where('entity_type', '=', 'register').where('entity_id', '=', register.id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });

  it('refuses a taken code and a stale rename', async () => {
    const [divisional] = await registersOf(org.divisionId);
    if (!divisional) throw new Error('no register');
    const taken = await t.http.post(`/nodes/${org.divisionId}/registers`).type('form').send({ kind: 'thematic', name: 'Another', code: divisional.code.toLowerCase() }).expect(400);
    expect(taken.text).toContain(`${divisional.code} is already the code of`);
    const stale = await t.http.post(`/registers/${divisional.id}`).type('form').send({ name: 'Renamed late', code: divisional.code, version: '99', base: JSON.stringify({ name: divisional.name, code: divisional.code }) }).expect(409);
    expect(stale.text).toContain('Renamed late');
    expect((await registersOf(org.divisionId))[0]?.name).toBe(divisional.name);
  });

  it('lets only those who manage risks of the node manage its registers', async () => {
    const coordinator = await signInWith(t.app, t.handle.db, [{ role: 'bcp_coordinator', node_id: org.divisionId }]);
    await coordinator.get(`/nodes/${org.divisionId}/registers`).expect(200);
    await coordinator.post(`/nodes/${org.divisionId}/registers`).type('form').send({ kind: 'case', name: 'X', code: 'SCD-X' }).expect(403);
    const unitManager = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.unitId }]);
    await unitManager.post(`/nodes/${org.divisionId}/registers`).type('form').send({ kind: 'case', name: 'X', code: 'SCD-X' }).expect(403);
    await unitManager.post(`/nodes/${org.unitId}/registers`).type('form').send({ kind: 'project', name: 'Appeals digital project', code: 'SCD-AU-DIG' }).expect(303);
  });
});

describe('moving a risk to another register', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  it('keeps its reference, reviews and history, and the move is in the history in words', async () => {
    const created = await t.http.post(`/nodes/${org.unitId}/risks`).type('form').send(riskFormBody(org, { register_id: String(org.unitRegisterId), title: 'Appeal bundles late' })).expect(303);
    const riskId = Number(/\/risks\/(\d+)/.exec(created.headers.location as string)?.[1]);
    await t.http.post(`/risks/${riskId}/reviews`).type('form').send({ reviewed_on: '2026-11-20', reviewer_id: String(org.managerId), current_likelihood: '2', current_impact: '5', commentary: 'Bundles still late', still_valid: 'yes', version: '1' }).expect(303);
    const form = await t.http.get(`/risks/${riskId}/move`).expect(200);
    expect(form.text).toContain('Special Crime divisional register');
    expect(form.text).not.toMatch(/<option value="\d+"[^>]*>[^<]*Appeals Unit register/);
    await t.http.post(`/risks/${riskId}/move`).type('form').send({ register_id: String(org.divisionRegisterId), reason: 'Reorganisation: appeals work now sits with the division', version: '2' }).expect(303);
    const risk = await t.handle.db.selectFrom('risks').selectAll().where('id', '=', riskId).executeTakeFirstOrThrow();
    expect([risk.register_id, risk.reference]).toEqual([org.divisionRegisterId, 'SCD-AU-R01']);
    const page = visibleText((await t.http.get(`/risks/${riskId}`).expect(200)).text);
    expect(page).toContain('SCD-AU-R01 · Special Crime divisional register');
    expect(page).toContain('Bundles still late');
    const history = visibleText((await t.http.get(`/risks/${riskId}/history`).expect(200)).text);
    expect(history).toContain('Special Crime divisional register');
    expect(history).toContain('Reorganisation: appeals work now sits with the division');
    // The unit's next risk never takes the moved risk's reference.
    const next = await t.http.post(`/nodes/${org.unitId}/risks`).type('form').send(riskFormBody(org, { register_id: String(org.unitRegisterId), title: 'Next one' })).expect(303);
    expect(visibleText((await t.http.get(next.headers.location as string)).text)).toContain('SCD-AU-R02');
  });

  it('refuses a register the mover does not manage, the same register, a closed one and a stale form', async () => {
    const riskId = await addRisk(t.handle.db, org);
    const unitManager = await signInWith(t.app, t.handle.db, [{ role: 'business_manager', node_id: org.unitId }]);
    await unitManager.post(`/risks/${riskId}/move`).type('form').send({ register_id: String(org.unitRegisterId), reason: 'x', version: '1' }).expect(403);
    const same = await t.http.post(`/risks/${riskId}/move`).type('form').send({ register_id: String(org.divisionRegisterId), reason: 'x', version: '1' }).expect(400);
    expect(same.text).toContain('The risk is already in Special Crime divisional register');
    const closed = await t.handle.db.insertInto('registers').values({ node_id: org.unitId, kind: 'case', name: 'Old case register', code: 'SCD-OLD', closed_on: '2026-01-01' }).returning('id').executeTakeFirstOrThrow();
    const toClosed = await t.http.post(`/risks/${riskId}/move`).type('form').send({ register_id: String(closed.id), reason: 'x', version: '1' }).expect(400);
    expect(toClosed.text).toContain('Old case register is closed and takes no risks');
    await t.http.post(`/risks/${riskId}/move`).type('form').send({ register_id: String(org.unitRegisterId), reason: 'x', version: '7' }).expect(409);
    await t.http.post(`/risks/${riskId}/move`).type('form').send({ register_id: String(org.unitRegisterId), reason: '', version: '1' }).expect(400);
    expect((await t.handle.db.selectFrom('risks').select('register_id').where('id', '=', riskId).executeTakeFirstOrThrow()).register_id).toBe(org.divisionRegisterId);
  });

  it('lets a node with only moved-out risks be retired', async () => {
    const team = await t.handle.db.insertInto('nodes').values({ parent_id: org.unitId, kind: 'team', name: 'Leeds Team', code: 'SCD-AU-LDS' }).returning('id').executeTakeFirstOrThrow();
    const register = await t.handle.db.insertInto('registers').values({ node_id: team.id, kind: 'unit', name: 'Leeds Team register', code: 'SCD-AU-LDS' }).returning('id').executeTakeFirstOrThrow();
    const riskId = await addRisk(t.handle.db, org, { register_id: register.id });
    const node = await t.handle.db.selectFrom('nodes').select('version').where('id', '=', team.id).executeTakeFirstOrThrow();
    await t.http.post(`/admin/nodes/${team.id}/retire`).type('form').send({ version: String(node.version) }).expect(409);
    await t.http.post(`/risks/${riskId}/move`).type('form').send({ register_id: String(org.unitRegisterId), reason: 'Leeds team merged into the unit', version: '1' }).expect(303);
    await t.http.post(`/admin/nodes/${team.id}/retire`).type('form').send({ version: String(node.version) }).expect(303);
  });
});

describe('the demo organisation', () => {
  it('shows a risk that moved after its case concluded, and the closed case register', async () => {
    const t = await startTestApp(undefined, { demo: true });
    try {
      const ct = await t.handle.db.selectFrom('nodes').select('id').where('code', '=', 'SCCTD-CT').executeTakeFirstOrThrow();
      const registers = visibleText((await t.http.get(`/nodes/${ct.id}/registers`).expect(200)).text);
      expect(registers).toMatch(/Operation Kestrel case risk register SCCTD-OPK Casework 0 Closed \d/);
      const risk = await t.handle.db.selectFrom('risks').select('id').where('reference', '=', 'SCCTD-OPK-R01').executeTakeFirstOrThrow();
      expect(visibleText((await t.http.get(`/risks/${risk.id}`).expect(200)).text)).toContain('SCCTD-OPK-R01 · Counter Terrorism Division risk register');
      expect(visibleText((await t.http.get(`/risks/${risk.id}/history`).expect(200)).text)).toContain('Operation Kestrel concluded at trial');
    } finally {
      await t.close();
    }
  });
});
