import request from 'supertest';
import type { Clock } from '../../server/clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { addUser, csrfTokenIn, TEST_PASSWORD } from '../support/users';

function movableClock(start: string): Clock & { advanceSeconds(s: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advanceSeconds: (s) => (now += s * 1000) };
}

/** A browser that has opened the sign-in form, ready to post it. */
async function openedForm(t: TestApp) {
  const client = request.agent(t.app);
  const token = csrfTokenIn((await client.get('/sign-in')).text);
  return (email: string, password: string) => client.post('/sign-in').type('form').send({ _csrf: token, email, password });
}

async function attempt(t: TestApp, email: string, password: string) {
  return (await openedForm(t))(email, password);
}

async function lockOut(t: TestApp, clock: ReturnType<typeof movableClock>, email: string) {
  for (let n = 0; n < 10; n++) {
    expect((await attempt(t, email, 'wrong')).status).toBe(401);
    clock.advanceSeconds(61);
  }
  expect((await attempt(t, email, TEST_PASSWORD)).status).toBe(429);
}

/**
 * The outcome as text. better-sqlite3 takes its error class from the first copy of the module a
 * process loads, so in any test file but that one its errors are not Errors to Jest's toThrow.
 */
const outcome = (query: Promise<unknown>) => query.then(() => 'done', (error: unknown) => String(error));

function securityLog(t: TestApp, email: string) {
  return t.handle.db.selectFrom('security_events').selectAll().where('email_key', '=', email).orderBy('id').execute();
}

describe('the sign-in throttle under parallel attempts', () => {
  const clock = movableClock('2026-11-23T09:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { clock });
  });
  afterAll(() => t.close());

  it('checks no more passwords when forty arrive at once than when they arrive one by one', async () => {
    const { email } = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    const forms = await Promise.all(Array.from({ length: 40 }, () => openedForm(t)));
    // 39 wrong guesses and, last, the right password: all sent before any answer comes back.
    const answers = await Promise.all(forms.map((send, i) => send(email, i === 39 ? TEST_PASSWORD : `guess ${i}`)));
    const checked = answers.filter((a) => a.status !== 429);
    expect(checked.length).toBeLessThanOrEqual(3);
    expect(answers.at(-1)?.status).toBe(429);
    expect(answers.filter((a) => a.status === 429).every((a) => a.text.includes('Wait 5 seconds'))).toBe(true);
    // Every password checked is in the count and in the security log.
    const failures = await t.handle.db.selectFrom('sign_in_failures').selectAll().where('email_key', '=', email).executeTakeFirstOrThrow();
    expect(failures.failures).toBe(checked.length);
    expect((await securityLog(t, email)).filter((e) => e.kind === 'sign_in_failed')).toHaveLength(checked.length);
  });

  it('refuses the right password inside a lock, even among a burst of parallel guesses', async () => {
    const { email } = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    await lockOut(t, clock, email);
    const forms = await Promise.all(Array.from({ length: 20 }, () => openedForm(t)));
    const answers = await Promise.all(forms.map((send, i) => send(email, i % 2 ? TEST_PASSWORD : 'wrong')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(429));
    expect(answers[1]?.text).toContain('ask an admin to reset your password');
    const log = await securityLog(t, email);
    expect(log.filter((e) => e.kind === 'address_locked')).toHaveLength(1);
    clock.advanceSeconds(15 * 60);
  });
});

describe('an admin and a locked-out user', () => {
  const clock = movableClock('2026-11-23T09:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { clock });
  });
  afterAll(() => t.close());

  it('a password reset lifts the lock, as the lock message promises', async () => {
    const { id, email } = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    await lockOut(t, clock, email);
    const page = await t.http.get(`/admin/users/${id}`).expect(200);
    expect(page.text).toMatch(/Locked for \d+ more minutes after 10 failed sign-ins/);
    await t.http.post(`/admin/users/${id}/password`).type('form').send({ password: 'a brand new passphrase' }).expect(200);
    expect((await attempt(t, email, 'a brand new passphrase')).status).toBe(303);
    const log = await securityLog(t, email);
    expect(log.map((e) => e.kind)).toEqual([...Array(10).fill('sign_in_failed').flatMap((k, i) => (i === 9 ? [k, 'address_locked'] : [k])), 'lock_cleared']);
    expect(log.at(-1)?.detail).toBe('New password set, after 10 failed sign-ins');
  });

  it('an admin sees the lock on the user page and clears it by hand, which the history records', async () => {
    const { id, email } = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    await lockOut(t, clock, email);
    const page = await t.http.get(`/admin/users/${id}`).expect(200);
    expect(page.text).toContain('Clear the failed sign-ins');
    expect(page.text).toContain('Locked after too many failed sign-ins');
    const cleared = await t.http.post(`/admin/users/${id}/unlock`).type('form').send({}).expect(200);
    expect(cleared.text).toContain('Sign-in lock cleared');
    expect(cleared.text).not.toContain('Clear the failed sign-ins');
    // A second press (a double submit, or another admin) finds nothing left to clear.
    expect((await t.http.post(`/admin/users/${id}/unlock`).type('form').send({}).expect(200)).text).toContain('There was no lock to clear');
    expect((await attempt(t, email, TEST_PASSWORD)).status).toBe(303);
    const audit = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', id).where('action', '=', 'update').execute();
    expect(audit.map((e) => e.after)).toContain(JSON.stringify({ sign_in: 'lock cleared' }));
    expect((await securityLog(t, email)).filter((e) => e.kind === 'lock_cleared')).toHaveLength(1);
  });

  it('the security log cannot be changed or deleted', async () => {
    expect(await outcome(t.handle.db.updateTable('security_events').set({ detail: 'x' }).execute())).toMatch(/cannot be changed/);
    expect(await outcome(t.handle.db.deleteFrom('security_events').execute())).toMatch(/cannot be deleted/);
  });
});
