import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { backupDatabase } from '../../db/backup';
import { migrateToLatest, openDatabase } from '../../db/connection';
import type { Clock } from '../../server/clock';
import { ConfigError, configFromEnv } from '../../server/config';
import { dateField } from '../../server/forms/fields';
import { addPlanWithApprovals } from '../support/exercise-fixtures';
import { riskFormBody, seedBasicOrganisation } from '../support/fixtures';
import { startTestApp, TEST_BASE_URL, type TestApp } from '../support/test-app';
import { addUser, signIn } from '../support/users';

// What a trusted system also promises (OWASP ASVS level 2), each checked on the real thing.

function movableClock(start: string): Clock & { advanceHours(h: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advanceHours: (h) => (now += h * 3600_000) };
}

describe('pages and sessions', () => {
  const clock = movableClock('2026-11-23T08:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { clock });
  });
  afterAll(() => t.close());

  it('asks browsers and proxies to keep no copy of any page', async () => {
    const org = await seedBasicOrganisation(t.handle.db);
    for (const url of ['/', `/nodes/${org.divisionId}`, `/nodes/${org.divisionId}/risks/new`, '/admin/users']) {
      const res = await t.http.get(url).expect(200);
      expect([url, res.headers['cache-control']]).toEqual([url, 'no-store']);
    }
    expect((await request(t.app).get('/sign-in').expect(200)).headers['cache-control']).toBe('no-store');
    // A refused form is a page too.
    const refused = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(riskFormBody(org, { title: '' })).expect(400);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('ends a session 12 hours after sign-in however busy it has been', async () => {
    const { email } = await addUser(t.handle.db, [{ role: 'hq_reviewer', node_id: null }]);
    const client = await signIn(t.app, email);
    for (let hour = 1; hour <= 11; hour++) {
      clock.advanceHours(1);
      await client.get('/').expect(200);
    }
    clock.advanceHours(1);
    await client.get('/').expect(303).expect('location', '/sign-in?next=%2F');
  });
});

describe('links sent outside a page', () => {
  it('are built from the configured public address, never from the Host header', async () => {
    const t = await startTestApp();
    try {
      const org = await seedBasicOrganisation(t.handle.db);
      await addPlanWithApprovals(t.handle.db, org, { approvals: ['2026-06-01'] });
      const res = await t.http.get(`/nodes/${org.divisionId}/exercises.ics`).set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example').expect(200);
      const urls = res.text.replace(/\r\n /g, '').split('\r\n').filter((l) => l.startsWith('URL:'));
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.every((l) => l.startsWith(`URL:${TEST_BASE_URL}/`))).toBe(true);
      expect(res.text).not.toContain('evil.example');
    } finally {
      await t.close();
    }
  });
});

describe('the database on disk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-modes-'));
  let umask: number;
  beforeAll(() => {
    // The usual umask leaves new files readable by everyone: what the app must not rely on.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const mode = (file: string) => fs.statSync(file).mode & 0o777;

  it('creates the database, its WAL and every backup readable by the owner only', async () => {
    const file = path.join(dir, 'data', 'bulwark.sqlite');
    const handle = openDatabase(file);
    await migrateToLatest(handle.db);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    const backup = path.join(dir, 'backups', 'copy.sqlite');
    await backupDatabase(file, backup);
    expect(mode(backup)).toBe(0o600);
    await handle.close();
  });

  it('tightens a database file left readable by an earlier version', async () => {
    const file = path.join(dir, 'old.sqlite');
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o644);
    const handle = openDatabase(file);
    await migrateToLatest(handle.db);
    expect(mode(file)).toBe(0o600);
    await handle.close();
  });
});

describe('configuration', () => {
  it('listens on loopback unless told otherwise, and links to the port it listens on', () => {
    const config = configFromEnv({ PORT: '3100' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicBaseUrl).toBe('http://localhost:3100');
    expect(config.trustProxy).toBe(false);
    expect(configFromEnv({ HOST: '0.0.0.0', PUBLIC_BASE_URL: 'https://bulwark.example.gov.uk/', TRUST_PROXY: 'loopback', SECURE_COOKIES: '1' }))
      .toMatchObject({ host: '0.0.0.0', publicBaseUrl: 'https://bulwark.example.gov.uk', trustProxy: 'loopback', secureCookies: true });
  });

  it('stops the start on a wrong value, naming the variable', () => {
    expect(() => configFromEnv({ SECURE_COOKIES: 'yes' })).toThrow(ConfigError);
    expect(() => configFromEnv({ SECURE_COOKIES: 'yes' })).toThrow(/SECURE_COOKIES must be 1 or 0/);
    expect(() => configFromEnv({ PORT: '70000' })).toThrow(/PORT must be a port number/);
    expect(() => configFromEnv({ PUBLIC_BASE_URL: 'bulwark.example.gov.uk' })).toThrow(/PUBLIC_BASE_URL must be a full http/);
  });
});

describe('dates that cannot be real', () => {
  it('refuses years before 1900 and after 2100, and accepts those between', () => {
    const field = dateField('Date', 'Enter the date');
    expect(field.safeParse('1899-12-31').success).toBe(false);
    expect(field.safeParse({ day: '1', month: '1', year: '2101' }).success).toBe(false);
    expect(field.safeParse('0202-11-23').error?.issues[0]?.message).toBe('The year must be between 1900 and 2100');
    expect(field.safeParse({ day: '1', month: '1', year: '1900' }).data).toBe('1900-01-01');
    expect(field.safeParse('2100-12-31').success).toBe(true);
  });

  it('says so on the form, keeping what was typed', async () => {
    const t = await startTestApp();
    try {
      const org = await seedBasicOrganisation(t.handle.db);
      const body = { ...riskFormBody(org, { identified_on: '' }), 'identified_on-day': '23', 'identified_on-month': '11', 'identified_on-year': '0202' };
      const res = await t.http.post(`/nodes/${org.divisionId}/risks`).type('form').send(body).expect(400);
      expect(res.text).toContain('The year must be between 1900 and 2100');
      expect(res.text).toContain('href="#identified_on-year"');
      expect(res.text).toContain('id="identified_on-year" name="identified_on-year" type="text" value="0202"');
      expect(await t.handle.db.selectFrom('risks').select('id').execute()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
