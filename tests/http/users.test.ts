import { seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { addUser, signIn } from '../support/users';

describe('managing users and roles', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
  });
  afterAll(() => t.close());

  it('adds a user with a made-up password shown once, who can then sign in within their role', async () => {
    const res = await t.http
      .post('/admin/users')
      .type('form')
      .send({ name: 'Nadia Khan', email: 'Nadia.Khan@example.gov.uk', job_title: 'Business Manager', role: 'business_manager', node_id: String(org.unitId), password: '' })
      .expect(200);
    expect(res.text).toContain('User added');
    const password = /New password, shown only this once: <strong class="bw-password">([^<]+)</.exec(res.text)?.[1];
    expect(password).toMatch(/^\w{5}-\w{5}-\w{5}-\w{5}$/);
    const nadia = await signIn(t.app, 'nadia.khan@example.gov.uk', password);
    await nadia.get(`/nodes/${org.unitId}`).expect(200);
    await nadia.get(`/nodes/${org.divisionId}`).expect(403);
    await nadia.get('/admin/users').expect(403);
  });

  it('offers where a role applies as the tree, in tree order and indented', async () => {
    const items = (html: string) => [...html.matchAll(/<div class="govuk-radios__item( bw-indent-\d)?">\s*<input class="govuk-radios__input" id="node_id(?:-\d+)?" name="node_id" type="radio" value="(\d*)"( checked)?>\s*<label[^>]*>([^<]+)</g)]
      .map(([, indent, , checked, text]) => `${indent?.trim() ?? ''}|${text}${checked ? '|checked' : ''}`);
    for (const page of ['/admin/users/new', `/admin/users/${(await addUser(t.handle.db, [])).id}`]) {
      const res = await t.http.get(page).expect(200);
      expect(items(res.text)).toEqual([
        '|The whole organisation|checked',
        '|Headquarters (HQ)',
        'bw-indent-1|Special Crime Division (SCD)',
        'bw-indent-2|Appeals Unit (SCD-AU)',
      ]);
    }
  });

  it('refuses bad input on the same form, keeping what was typed, and a second user with the same email', async () => {
    const res = await t.http
      .post('/admin/users')
      .type('form')
      .send({ name: '<b>Bold</b>', email: 'not-an-email', role: 'wizard', node_id: '99999', password: 'short' })
      .expect(400);
    expect(res.text).toContain('Enter an email address in the right format');
    expect(res.text).toContain('Select a role');
    expect(res.text).toContain('Password must be at least 12 characters');
    expect(res.text).toContain('value="&lt;b&gt;Bold&lt;/b&gt;"');
    expect(res.text).not.toContain('value="short"');
    const again = await t.http
      .post('/admin/users')
      .type('form')
      .send({ name: 'Nadia Again', email: 'nadia.khan@example.gov.uk', role: 'admin', node_id: '' })
      .expect(400);
    expect(again.text).toContain('There is already a user with this email address');
  });

  it('adds and removes roles, but never the last whole-organisation admin', async () => {
    const user = await t.handle.db.selectFrom('users').innerJoin('people', 'people.id', 'users.person_id').select('users.id').where('people.email', '=', 'nadia.khan@example.gov.uk').executeTakeFirstOrThrow();
    const added = await t.http.post(`/admin/users/${user.id}/roles`).type('form').send({ role: 'admin', node_id: '' }).expect(200);
    expect(added.text).toContain('Role added');
    const grants = await t.handle.db.selectFrom('role_grants').selectAll().where('user_id', '=', user.id).execute();
    expect(grants.map((g) => g.role).sort()).toEqual(['admin', 'business_manager']);
    const adminGrant = grants.find((g) => g.role === 'admin');
    await t.http.post(`/admin/users/${user.id}/roles/${adminGrant?.id}/remove`).type('form').send({}).expect(200);
    // The test client is the only whole-organisation admin now.
    const self = await t.handle.db.selectFrom('role_grants').selectAll().where('role', '=', 'admin').where('node_id', 'is', null).execute();
    expect(self).toHaveLength(1);
    const refused = await t.http.post(`/admin/users/${self[0]?.user_id}/roles/${self[0]?.id}/remove`).type('form').send({}).expect(409);
    expect(refused.text).toContain('only admin for the whole organisation');
  });

  it('disabling a user signs them out at once', async () => {
    const user = await t.handle.db.selectFrom('users').innerJoin('people', 'people.id', 'users.person_id').select('users.id').where('people.email', '=', 'nadia.khan@example.gov.uk').executeTakeFirstOrThrow();
    const reset = await t.http.post(`/admin/users/${user.id}/password`).type('form').send({ password: 'a new long password' }).expect(200);
    expect(reset.text).toContain('Password changed');
    const nadia = await signIn(t.app, 'nadia.khan@example.gov.uk', 'a new long password');
    await t.http.post(`/admin/users/${user.id}/disable`).type('form').send({}).expect(200);
    await nadia.get(`/nodes/${org.unitId}`).expect(303);
    const list = await t.http.get('/admin/users').expect(200);
    expect(list.text).toContain('Disabled');
  });
});

describe('the audit history of users and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('records adding a user, their roles, a new password (never the password) and disabling, by whom', async () => {
    const res = await t.http.post('/admin/users').type('form').send({ name: 'Omar Audit', email: 'omar@example.gov.uk', role: 'hq_reviewer', node_id: '', password: 'a long enough password' }).expect(200);
    const id = Number(/action="\/admin\/users\/(\d+)\/roles"/.exec(res.text)?.[1]);
    await t.http.post(`/admin/users/${id}/roles`).type('form').send({ role: 'admin', node_id: '' }).expect(200);
    await t.http.post(`/admin/users/${id}/password`).type('form').send({ password: 'another long password' }).expect(200);
    await t.http.post(`/admin/users/${id}/disable`).type('form').send({}).expect(200);
    const events = await t.handle.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    expect(events.map((e) => `${e.entity_type} ${e.action}`)).toEqual(['user create', 'role create', 'role create', 'user update', 'user update']);
    expect(events.every((e) => e.actor_name.startsWith('Test User'))).toBe(true);
    expect(events[2]?.after).toContain('"where":"The whole organisation"');
    const all = JSON.stringify(events);
    expect(all).not.toContain('another long password');
    expect(all).not.toContain('scrypt$');
  });
});

describe('two admins taking each other\'s role at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const organisationAdmins = (db: TestApp['handle']['db']) =>
    db.selectFrom('role_grants').innerJoin('users', 'users.id', 'role_grants.user_id').select(['role_grants.id', 'role_grants.user_id'])
      .where('role', '=', 'admin').where('role_grants.node_id', 'is', null).where('users.disabled_on', 'is', null).execute();

  /** Exactly two whole-organisation admins, each signed in in their own browser. */
  async function twoAdmins() {
    const a = await addUser(t.handle.db, [{ role: 'admin', node_id: null }]);
    const b = await addUser(t.handle.db, [{ role: 'admin', node_id: null }]);
    await t.handle.db.deleteFrom('role_grants').where('role', '=', 'admin').where('user_id', 'not in', [a.id, b.id]).execute();
    expect(await organisationAdmins(t.handle.db)).toHaveLength(2);
    return { a: { ...a, client: await signIn(t.app, a.email) }, b: { ...b, client: await signIn(t.app, b.email) } };
  }

  it('removing each other\'s admin role: one succeeds, the other is refused, one admin is left', async () => {
    const { a, b } = await twoAdmins();
    const grantOf = async (userId: number) => (await organisationAdmins(t.handle.db)).find((g) => g.user_id === userId)?.id;
    const [grantA, grantB] = [await grantOf(a.id), await grantOf(b.id)];
    const answers = await Promise.all([
      a.client.post(`/admin/users/${b.id}/roles/${grantB}/remove`).type('form').send({}),
      b.client.post(`/admin/users/${a.id}/roles/${grantA}/remove`).type('form').send({}),
    ]);
    // The loser is refused as the last admin, or, if the winner finished first, as no longer an admin at all.
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 403 || r.status === 409)).toHaveLength(1);
    expect(await organisationAdmins(t.handle.db)).toHaveLength(1);
  });

  it('disabling each other: one succeeds, the other is refused, one admin is left', async () => {
    const { a, b } = await twoAdmins();
    const answers = await Promise.all([
      a.client.post(`/admin/users/${b.id}/disable`).type('form').send({}),
      b.client.post(`/admin/users/${a.id}/disable`).type('form').send({}),
    ]);
    // The loser is refused as the last admin, or, if the winner finished first, as no longer an admin at all.
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 403 || r.status === 409)).toHaveLength(1);
    expect(await organisationAdmins(t.handle.db)).toHaveLength(1);
  });
});

describe('a user page', () => {
  it('names the signed-in admin in the header, not the user shown', async () => {
    const t = await startTestApp();
    try {
      const shown = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }], 'shown.person@example.gov.uk');
      await t.handle.db.updateTable('people').set({ name: 'Shown Person' }).where('email', '=', shown.email).execute();
      const page = await t.http.get(`/admin/users/${shown.id}`).expect(200);
      const header = page.text.slice(page.text.indexOf('<header'), page.text.indexOf('</header>'));
      expect(header).toContain('Sign out');
      expect(header).not.toContain('Shown Person');
      expect(page.text).toContain('<h1 class="govuk-heading-l">Shown Person</h1>');
    } finally {
      await t.close();
    }
  });
});
