import request from 'supertest';
import { setPasswordCostForTests } from '../../server/access/passwords';
import type { Clock } from '../../server/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { addUser, csrfTokenIn, signIn, TEST_PASSWORD } from '../support/users';
import { addRisk, seedBasicOrganisation } from '../support/fixtures';

/** A clock the test moves forward, for the sign-in throttle. */
function movableClock(start: string): Clock & { advanceSeconds(s: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advanceSeconds: (s) => (now += s * 1000) };
}

async function attempt(t: TestApp, email: string, password: string) {
  const client = request.agent(t.app);
  const form = await client.get('/sign-in');
  return client.post('/sign-in').type('form').send({ _csrf: csrfTokenIn(form.text), email, password });
}

describe('signing in and out', () => {
  const clock = movableClock('2026-11-23T09:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { clock });
  });
  afterAll(() => t.close());

  it('stores only a scrypt hash of the password', async () => {
    // Every other test user gets a cheap hash (tests/support/cheap-hashes.ts); this one is hashed as production hashes.
    setPasswordCostForTests('production');
    const { id } = await addUser(t.handle.db, [], 'hashed@example.gov.uk').finally(() => setPasswordCostForTests('cheap'));
    const row = await t.handle.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('signs in with an httpOnly, SameSite session cookie, and signing out ends the session', async () => {
    const { email } = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    const client = request.agent(t.app);
    const form = await client.get('/sign-in').expect(200);
    const res = await client.post('/sign-in').type('form').send({ _csrf: csrfTokenIn(form.text), email: email.toUpperCase(), password: TEST_PASSWORD, next: '/healthz' }).expect(303);
    expect(res.headers.location).toBe('/healthz');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/bulwark_session=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const home = await client.get('/').expect(200);
    expect(home.text).toContain('Sign out');
    await client.post('/sign-out').type('form').send({ _csrf: csrfTokenIn(home.text) }).expect(303);
    await client.get('/').expect(303).expect('location', '/sign-in?next=%2F');
  });

  it('never sends anyone to another site after signing in', async () => {
    const { email } = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const client = request.agent(t.app);
      const form = await client.get('/sign-in');
      const res = await client.post('/sign-in').type('form').send({ _csrf: csrfTokenIn(form.text), email, password: TEST_PASSWORD, next }).expect(303);
      expect(res.headers.location).toBe('/');
    }
  });

  it('says the same for a wrong password, an unknown address and a disabled account', async () => {
    const { email } = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    const disabled = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    await t.handle.db.updateTable('users').set({ disabled_on: '2026-11-01' }).where('id', '=', disabled.id).execute();
    const wrong = await attempt(t, email, 'not the password');
    const unknown = await attempt(t, 'nobody@example.gov.uk', TEST_PASSWORD);
    const off = await attempt(t, disabled.email, TEST_PASSWORD);
    for (const res of [wrong, unknown, off]) {
      expect(res.status).toBe(401);
      expect(res.text).toContain('The email address or password is not right');
    }
    expect(wrong.text).toContain(`value="${email}"`);
    expect(wrong.text).not.toContain('not the password');
  });

  it('slows repeated failures, then locks the address for a while, whether or not it exists', async () => {
    for (const email of ['locked@example.gov.uk', (await addUser(t.handle.db, [{ role: 'admin', node_id: null }])).email]) {
      for (let n = 0; n < 3; n++) expect((await attempt(t, email, 'wrong')).status).toBe(401);
      const slowed = await attempt(t, email, TEST_PASSWORD);
      expect(slowed.status).toBe(429);
      expect(slowed.text).toContain('Wait 5 seconds before trying again');
      for (let n = 3; n < 10; n++) {
        clock.advanceSeconds(61);
        expect((await attempt(t, email, 'wrong')).status).toBe(401);
      }
      clock.advanceSeconds(61);
      const locked = await attempt(t, email, TEST_PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.text).toContain('locked for 14 minutes');
      clock.advanceSeconds(15 * 60);
    }
    // After the lock the right password works again.
    const { email } = await addUser(t.handle.db, [{ role: 'admin', node_id: null }]);
    await signIn(t.app, email);
  });

  it('never errors on garbage', async () => {
    const client = request.agent(t.app);
    const token = csrfTokenIn((await client.get('/sign-in')).text);
    for (const body of [{}, { email: ['a', 'b'], password: ['x'] }, { email: 'x'.repeat(5000), password: 'y'.repeat(5000) }, { email: '<script>alert(1)</script>', password: "' OR 1=1 --" }]) {
      const res = await client.post('/sign-in').type('form').send({ _csrf: token, ...body });
      expect([400, 401]).toContain(res.status);
      expect(res.text).not.toContain('<script>alert');
    }
    await client.post('/sign-in').set('Content-Type', 'application/json').send('{"email":').expect((res) => expect(res.status).toBeLessThan(500));
    await client.post('/sign-in').type('form').send({ _csrf: token, email: 'a'.repeat(70 * 1024) }).expect(413);
  });
});

describe('cookies behind TLS', () => {
  it('marks the session cookie Secure when the setting says so', async () => {
    const t = await startTestApp(undefined, { secureCookies: true });
    try {
      const { email } = await addUser(t.handle.db, [{ role: 'admin', node_id: null }]);
      const form = await request(t.app).get('/sign-in').expect(200);
      expect(String(form.headers['set-cookie'])).toMatch(/bulwark_csrf=[^;]+;.*Secure/);
      const token = csrfTokenIn(form.text);
      const res = await request(t.app).post('/sign-in').set('Cookie', `bulwark_csrf=${token}`).type('form').send({ _csrf: token, email, password: TEST_PASSWORD }).expect(303);
      expect(String(res.headers['set-cookie'])).toMatch(/bulwark_session=[^;]+;.*Secure/);
    } finally {
      await t.close();
    }
  });
});

describe('cross-site requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a form posted from another site, which has the cookie but not the token', async () => {
    const org = await seedBasicOrganisation(t.handle.db);
    const riskId = await addRisk(t.handle.db, org);
    const { email } = await addUser(t.handle.db, [{ role: 'business_manager', node_id: null }]);
    const victim = request.agent(t.app);
    const form = await victim.get('/sign-in');
    await victim.post('/sign-in').type('form').send({ _csrf: csrfTokenIn(form.text), email, password: TEST_PASSWORD }).expect(303);
    const before = await t.handle.db.selectFrom('risks').selectAll().where('id', '=', riskId).executeTakeFirstOrThrow();
    // What a hostile page's auto-submitting form would send: the browser adds the session cookie.
    const attack = await victim.post(`/risks/${riskId}`).type('form').send({ title: 'Pwned', status: 'closed', version: '1' }).expect(403);
    expect(attack.text).toContain('sent from another site');
    await victim.post(`/risks/${riskId}`).type('form').send({ _csrf: 'a'.repeat(43), title: 'Pwned' }).expect(403);
    expect(await t.handle.db.selectFrom('risks').selectAll().where('id', '=', riskId).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('refuses a sign-in form without its token', async () => {
    await request(t.app).post('/sign-in').type('form').send({ email: 'a@b.c', password: 'x' }).expect(403);
  });

  it('sends a strict Content-Security-Policy with no inline script, and the usual headers', async () => {
    const res = await request(t.app).get('/sign-in').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).not.toMatch(/<script(?![^>]*src=)/);
  });
});

describe('a new installation', () => {
  it('tells the first visitor how to create the first admin, and stops saying so once there is one', async () => {
    // With secure cookies the test app signs no client in, so it starts with no users at all.
    const t = await startTestApp(undefined, { secureCookies: true });
    try {
      expect((await request(t.app).get('/sign-in').expect(200)).text).toContain('npm run user:add');
      await addUser(t.handle.db, [{ role: 'admin', node_id: null }]);
      expect((await request(t.app).get('/sign-in').expect(200)).text).not.toContain('npm run user:add');
    } finally {
      await t.close();
    }
  });
});
