import ICAL from 'ical.js';
import request from 'supertest';
import { addExercise, addPlanWithApprovals } from '../support/exercise-fixtures';
import { seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { hiddenBase, visibleText } from '../support/forms';
import { startTestApp, TEST_BASE_URL, type TestApp } from '../support/test-app';
import { addUser, signIn, type Client } from '../support/users';
import { hashFeedToken } from '../../server/calendar/feed-token';

// Secret calendar feeds (docs/calendar-feeds.md), through the real app: made on the node's
// calendar page, fetched with no cookie at all and read back by ical.js, as a calendar program
// would; refused once revoked, once the owner is disabled, or when the owner's role is gone.
// Today is 2026-11-23 (tests/support/test-app.ts).

const FEED_URL = new RegExp(`value="(${TEST_BASE_URL.replace(/[.]/g, '\\.')}/feeds/([A-Za-z0-9_-]{43})\\.ics)"`);

describe('secret calendar feeds', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  let planId: number;
  let exerciseId: number;
  let otherDivisionId: number;
  let owner: { id: number; email: string };
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    const db = t.handle.db;
    planId = await addPlanWithApprovals(db, org, { approvals: ['2025-03-01', '2026-02-01'], title: 'Rose Court recovery', nodeId: org.divisionId });
    exerciseId = await addExercise(db, planId, { type: 'tabletop', planned_on: '2027-02-10', scenario: 'Loss of Rose Court' });
    const other = await db.insertInto('nodes').values({ parent_id: org.hqId, kind: 'division', name: 'Other Division', code: 'OTH' }).returning('id').executeTakeFirstOrThrow();
    otherDivisionId = other.id;
    owner = await addUser(db, [{ role: 'business_manager', node_id: org.divisionId }]);
    manager = await signIn(t.app, owner.email);
  });
  afterAll(() => t.close());

  /** Makes a feed through the page's own form; returns its URL and token. */
  async function makeFeed(client: Client, nodeId: number) {
    const page = await client.get(`/nodes/${nodeId}/calendar`).expect(200);
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error('no token in the form');
    const made = await client.post(`/nodes/${nodeId}/calendar/feeds`).type('form').send({ token }).expect(200);
    const match = FEED_URL.exec(made.text);
    if (!match?.[1] || !match[2]) throw new Error('no feed URL on the page');
    return { url: match[1], token: match[2], path: match[1].slice(TEST_BASE_URL.length), formToken: token, page: made.text };
  }

  /** The feed as a calendar program sees it: no cookie, parsed by ical.js. */
  async function fetchFeed(path: string) {
    const res = await request(t.app).get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers['cache-control']).toBe('no-store');
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => ({
      uid: String(v.getFirstPropertyValue('uid')),
      summary: String(v.getFirstPropertyValue('summary')),
      status: v.getFirstPropertyValue('status') === null ? null : String(v.getFirstPropertyValue('status')),
      sequence: Number(v.getFirstPropertyValue('sequence')),
      date: new ICAL.Event(v).startDate.toString(),
      stamp: String(v.getFirstPropertyValue('dtstamp')),
    }));
    return { raw: res.text, events };
  }

  it('makes a feed whose URL uses the public base URL, stores only its hash, audits it, and serves it without a cookie', async () => {
    const feed = await makeFeed(manager, org.divisionId);
    expect(feed.url.startsWith(`${TEST_BASE_URL}/feeds/`)).toBe(true);
    expect(feed.token).toBe(feed.formToken);
    const stored = await t.handle.db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', owner.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).toBe(hashFeedToken(feed.token));
    expect(JSON.stringify(stored)).not.toContain(feed.token);
    const audit = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'calendar_feed').execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'create', node_id: org.divisionId, entity_id: stored[0]?.id })]);

    // Sending the form again (a double click, a refresh) shows the same feed and makes no other.
    const again = await manager.post(`/nodes/${org.divisionId}/calendar/feeds`).type('form').send({ token: feed.token }).expect(200);
    expect(again.text).toContain(feed.url);
    expect(await t.handle.db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', owner.id).execute()).toHaveLength(1);

    const { raw, events } = await fetchFeed(feed.path);
    expect(events.find((e) => e.uid === `exercise-${exerciseId}@bulwark`)).toMatchObject({ date: '2027-02-10', status: 'CONFIRMED', summary: expect.stringMatching(/^Tabletop exercise: BCP-TEST-\d+$/) });
    // One review event per plan, whatever version is in force; its SEQUENCE is the version number.
    expect(events.filter((e) => e.uid.startsWith(`plan-${planId}-review`))).toEqual([expect.objectContaining({ uid: `plan-${planId}-review@bulwark`, sequence: 2, date: '2027-02-01' })]);
    // DTSTAMP in UTC, lines of at most 75 octets, CRLF throughout.
    expect(raw.split('\r\n').filter((l) => l.startsWith('DTSTAMP:')).every((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    expect(raw.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // The links in the feed use the configured base URL, whatever Host the request named.
    const evil = await request(t.app).get(feed.path).set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example').expect(200);
    expect(evil.text).not.toContain('evil.example');
  });

  it('sends a cancelled exercise as CANCELLED with a higher SEQUENCE than before, so calendars drop it', async () => {
    const id = await addExercise(t.handle.db, planId, { type: 'call_cascade', planned_on: '2027-01-20' });
    const feed = await makeFeed(manager, org.divisionId);
    const before = (await fetchFeed(feed.path)).events.find((e) => e.uid === `exercise-${id}@bulwark`);
    expect(before).toMatchObject({ status: 'CONFIRMED' });

    // Cancelled through the exercise's own form, by someone who may manage plans.
    const form = await t.http.get(`/exercises/${id}/edit`).expect(200);
    await t.http.post(`/exercises/${id}`).type('form').send({
      type: 'call_cascade', status: 'cancelled', planned_on: '2027-01-20', held_on: '', plan_version_number: '', coordinator_id: '', scenario: '', objectives: '', result: '', recovery_hours: '', lessons: '', version: '1', base: hiddenBase(form.text),
    }).expect(303);

    const after = (await fetchFeed(feed.path)).events.find((e) => e.uid === `exercise-${id}@bulwark`);
    expect(after).toMatchObject({ status: 'CANCELLED', date: '2027-01-20', summary: expect.stringMatching(/^Cancelled: Call cascade/) });
    expect(after!.sequence).toBeGreaterThan(before!.sequence);
  });

  it('refuses a feed once revoked (410), after a confirmation page, and audits the revocation', async () => {
    const feed = await makeFeed(manager, org.divisionId);
    const row = await t.handle.db.selectFrom('calendar_feeds').select('id').where('token_hash', '=', hashFeedToken(feed.token)).executeTakeFirstOrThrow();
    const listed = await manager.get(`/nodes/${org.divisionId}/calendar`).expect(200);
    expect(listed.text).toContain(`/nodes/${org.divisionId}/calendar/feeds/${row.id}/revoke`);
    // The page never shows a made feed's URL again.
    expect(listed.text).not.toContain(feed.token);

    const confirm = await manager.get(`/nodes/${org.divisionId}/calendar/feeds/${row.id}/revoke`).expect(200);
    expect(visibleText(confirm.text)).toMatch(/Revoke calendar feed \d+\?/);
    await request(t.app).get(feed.path).expect(200);
    const done = await manager.post(`/nodes/${org.divisionId}/calendar/feeds/${row.id}/revoke`).type('form').send({}).expect(303);
    expect(done.headers.location).toBe(`/nodes/${org.divisionId}/calendar?saved=revoked`);
    // A second click changes nothing and lands on the same page.
    await manager.post(`/nodes/${org.divisionId}/calendar/feeds/${row.id}/revoke`).type('form').send({}).expect(303);
    const gone = await request(t.app).get(feed.path).expect(410);
    expect(gone.text).not.toContain('BEGIN:VCALENDAR');
    const revocations = await t.handle.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'calendar_feed').where('entity_id', '=', row.id).where('action', '=', 'update').execute();
    expect(revocations).toHaveLength(1);

    // Revoked feeds cannot be brought back by sending their form again.
    await manager.post(`/nodes/${org.divisionId}/calendar/feeds`).type('form').send({ token: feed.token }).expect(409);
  });

  it('refuses the feed of a user whose role was removed (404) and revokes every feed of a user who is disabled (410)', async () => {
    const db = t.handle.db;
    const person = await addUser(db, [{ role: 'business_manager', node_id: org.divisionId }]);
    const client = await signIn(t.app, person.email);
    const first = await makeFeed(client, org.divisionId);
    await request(t.app).get(first.path).expect(200);

    // Role removed by an admin through the user's page: the feed answers nothing.
    const grant = await db.selectFrom('role_grants').select('id').where('user_id', '=', person.id).executeTakeFirstOrThrow();
    await t.http.post(`/admin/users/${person.id}/roles/${grant.id}/remove`).type('form').send({}).expect(200);
    const refused = await request(t.app).get(first.path).expect(404);
    expect(refused.text).not.toContain('BEGIN:VCALENDAR');

    // Given back, the same feed works again (it was never revoked); disabling the user revokes it for good.
    await db.insertInto('role_grants').values({ user_id: person.id, role: 'business_manager', node_id: org.divisionId }).execute();
    await request(t.app).get(first.path).expect(200);
    await t.http.post(`/admin/users/${person.id}/disable`).type('form').send({}).expect(200);
    await request(t.app).get(first.path).expect(410);
    const feeds = await db.selectFrom('calendar_feeds').select('revoked_at').where('user_id', '=', person.id).execute();
    expect(feeds.every((f) => f.revoked_at !== null)).toBe(true);
    await db.updateTable('users').set({ disabled_on: null }).where('id', '=', person.id).execute();
    await request(t.app).get(first.path).expect(410);
  });

  it('offers no feed for a node the user cannot read, and a feed naming one serves nothing', async () => {
    await manager.get(`/nodes/${otherDivisionId}/calendar`).expect(403);
    const page = await manager.get(`/nodes/${org.divisionId}/calendar`).expect(200);
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
    await manager.post(`/nodes/${otherDivisionId}/calendar/feeds`).type('form').send({ token }).expect(403);
    expect(await t.handle.db.selectFrom('calendar_feeds').selectAll().where('node_id', '=', otherDivisionId).execute()).toEqual([]);
    // A feed row for a node outside the owner's roles (as if the node had moved): nothing served.
    const planted = 'A'.repeat(43);
    await t.handle.db.insertInto('calendar_feeds').values({ token_hash: hashFeedToken(planted), user_id: owner.id, node_id: otherDivisionId, created_at: '2026-11-01T09:00:00.000Z' }).execute();
    await request(t.app).get(`/feeds/${planted}.ics`).expect(404);
    // Unknown and malformed tokens: 404, never a server error.
    await request(t.app).get(`/feeds/${'B'.repeat(43)}.ics`).expect(404);
    await request(t.app).get('/feeds/not-a-token.ics').expect(404);
    // A malformed form is refused with a clear message and makes nothing.
    const bad = await manager.post(`/nodes/${org.divisionId}/calendar/feeds`).type('form').send({ token: 'short' }).expect(400);
    expect(visibleText(bad.text)).toContain('no feed was made');
  });
});
