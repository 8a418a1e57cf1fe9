import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { formFields } from '../support/forms';
import { HOSTILE_VALUES, rowsChangedSoFar, SCRIPT, withField } from '../support/hostile';
import { startTestApp, type TestApp } from '../support/test-app';

describe('hostile input to every admin form', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let siteId: number;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    await addRisk(t.handle.db, org);
    siteId = (await t.handle.db.insertInto('sites').values({ name: 'London', address: 'Rose Court' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const nodeVersion = async (id: number) => String((await t.handle.db.selectFrom('nodes').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
  /** The form as the page offers it now, so that saves from earlier rounds never make it stale. */
  const fresh = async (page: string, changes: Record<string, string> = {}) => ({ ...formFields((await t.http.get(page).expect(200)).text), ...changes });

  // `fields`: when a form repeats one kind of field many times, one of each kind is enough.
  const routes: { name: string; path: string; body: () => Promise<Record<string, string>>; fields?: string[] }[] = [
    { name: 'add a node', path: '/admin/nodes', body: async () => ({ kind: 'team', parent_id: String(org.unitId), name: 'Team', code: `T${Date.now()}` }) },
    { name: 'rename a node', path: '', body: async () => ({ name: 'Appeals Unit', code: 'SCD-AU', version: await nodeVersion(org.unitId) }) },
    { name: 'move a node', path: '', body: async () => ({ parent_id: String(org.divisionId), version: await nodeVersion(org.unitId) }) },
    { name: 'add a site', path: '/admin/sites', body: async () => ({ name: `Site ${Date.now()}`, address: 'Somewhere', node_ids: String(org.unitId) }) },
    { name: 'change a site', path: '', body: () => fresh(`/admin/sites/${siteId}/edit`, { node_ids: String(org.unitId) }) },
    { name: 'add a category', path: '/admin/categories', body: async () => ({ name: `Category ${Date.now()}`, appetite_rank: '2' }) },
    { name: 'change a category', path: '', body: () => fresh(`/admin/categories/${org.categoryId}/edit`) },
    { name: 'add an objective', path: '/admin/objectives', body: async () => ({ title: `Objective ${Date.now()}` }) },
    {
      name: 'the risk matrix',
      path: '/admin/matrix',
      body: () => fresh('/admin/matrix'),
      fields: ['level_2_name', 'level_2_colour', 'level_2_text_colour', 'likelihood_3_label', 'impact_4_description', 'cell_3_3', 'base'],
    },
    { name: 'settings', path: '/admin/settings', body: () => fresh('/admin/settings') },
  ];
  // Paths that name a record are filled in once the organisation exists.
  const pathOf = (route: (typeof routes)[number]) =>
    route.path ||
    { 'rename a node': `/admin/nodes/${org.unitId}`, 'move a node': `/admin/nodes/${org.unitId}/move`, 'change a site': `/admin/sites/${siteId}`, 'change a category': `/admin/categories/${org.categoryId}` }[route.name] ||
    '';

  for (const route of routes) {
    it(`${route.name}: never a 500, nothing saved changed on refusal, markup always escaped`, async () => {
      const fields = route.fields ?? Object.keys(await route.body());
      for (const field of fields) {
        for (const [label, value] of HOSTILE_VALUES) {
          const before = await rowsChangedSoFar(t.handle.db);
          const res = await t.http.post(pathOf(route)).type('form').send(withField(await route.body(), field, value));
          const context = `${route.name}, ${field} as ${label}: ${res.status}`;
          expect([context, [303, 400, 409, 413].includes(res.status)]).toEqual([context, true]);
          expect(res.text).not.toContain('<script>alert');
          expect(res.text).not.toContain('<img src=x');
          // A refusal writes nothing, in any table; a save (303) may write anything.
          const written = (await rowsChangedSoFar(t.handle.db)) - before;
          expect([context, res.status === 303 ? 'saved' : `${written} rows written`]).toEqual([context, res.status === 303 ? 'saved' : '0 rows written']);
        }
      }
    });
  }

  it('shows saved hostile text escaped on every admin page', async () => {
    for (const page of ['/admin/nodes', '/admin/sites', '/admin/categories', '/admin/objectives', '/admin/matrix', '/admin/settings', '/']) {
      const res = await t.http.get(page).expect(200);
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('<img src=x');
    }
    expect((await t.http.get('/admin/nodes').expect(200)).text).toContain('&lt;script&gt;');
  });

  it('refuses empty and JSON bodies, and unknown ids', async () => {
    const before = await rowsChangedSoFar(t.handle.db);
    for (const route of routes) {
      await t.http.post(pathOf(route)).expect((res) => expect([400, 409]).toContain(res.status));
      await t.http.post(pathOf(route)).send({ name: SCRIPT }).expect((res) => expect([400, 409]).toContain(res.status));
    }
    for (const path of ['/admin/nodes/987654', '/admin/nodes/987654/move', '/admin/nodes/987654/retire', '/admin/sites/987654', '/admin/categories/987654', '/admin/categories/987654/delete', '/admin/objectives/987654/move']) {
      await t.http.post(path).type('form').send({ name: 'x', version: '1' }).expect(404);
    }
    expect(await rowsChangedSoFar(t.handle.db)).toEqual(before);
  });
});
