import { sql } from 'kysely';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

// Every text that ends up in a page comes back escaped: script and markup are planted in every
// free-text column of every table of the demo organisation, then every page a user can reach
// by following links is read.

const PLANTED = '<script>alert("planted")</script><b>planted</b>';
const ESCAPED = '&lt;script&gt;alert(&quot;planted&quot;)&lt;/script&gt;';
/** Dates and instants are parsed, not shown as typed: the forms never accept markup there. */
const NOT_FREE_TEXT = /(_on|_at|_date|_hash|_token|^content|^colour|^text_colour|^key|^value|^token_hash|^email_key|^json|^fields|^level_colours|^sha256)$/;

/** A return's snapshot is JSON: the markup goes into every text inside it (colours apart), as a register's own words would. */
function plantInJson(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return /colour/i.test(key) ? value : value + PLANTED;
  if (Array.isArray(value)) return value.map((v) => plantInJson(v, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plantInJson(v, k)]));
  return value;
}
const MAX_PAGES = 600;

/** Columns holding JSON: the markup goes into the texts inside. */
const JSON_COLUMNS: Record<string, string> = { return_snapshots: 'json', risk_proposals: 'fields' };

async function plantEverywhere(t: TestApp): Promise<string[]> {
  const db = t.handle.db;
  const planted: string[] = [];
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'`.execute(db);
  for (const { name: table } of tables.rows) {
    const columns = await sql<{ name: string; type: string }>`SELECT name, type FROM pragma_table_info(${table})`.execute(db);
    // Evidence tables refuse updates by trigger; this test database sets them aside for a moment.
    const triggers = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ${table}`.execute(db);
    for (const trigger of triggers.rows) await sql.raw(`DROP TRIGGER ${trigger.name}`).execute(db);
    for (const column of columns.rows) {
      if (column.type.toUpperCase() !== 'TEXT' || NOT_FREE_TEXT.test(column.name)) continue;
      try {
        await sql.raw(`UPDATE ${table} SET ${column.name} = ${column.name} || '${PLANTED.replace(/'/g, "''")}' WHERE ${column.name} IS NOT NULL`).execute(db);
        planted.push(`${table}.${column.name}`);
      } catch {
        // A CHECK constraint (a fixed vocabulary) refused it: such a column cannot hold markup.
      }
    }
    const json = JSON_COLUMNS[table];
    if (json) {
      for (const row of (await sql<{ id: number; json: string }>`SELECT id, ${sql.ref(json)} AS json FROM ${sql.table(table)}`.execute(db)).rows) {
        await sql`UPDATE ${sql.table(table)} SET ${sql.ref(json)} = ${JSON.stringify(plantInJson(JSON.parse(row.json)))} WHERE id = ${row.id}`.execute(db);
      }
      planted.push(`${table}.${json}`);
    }
    for (const trigger of triggers.rows) await sql.raw(trigger.sql).execute(db);
  }
  return planted;
}

// Hundreds of pages: on a busy 2-core machine that takes longer than Jest's default.
jest.setTimeout(180_000);

describe('escaping of everything shown', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
  });
  afterAll(() => t.close());

  it('plants markup in every free-text column and finds it escaped on every page reached', async () => {
    const planted = await plantEverywhere(t);
    expect(planted).toEqual(expect.arrayContaining(['risks.title', 'risks.cause', 'nodes.name', 'people.name', 'categories.name', 'reviews.commentary', 'actions.description', 'return_snapshots.json', 'risk_proposals.fields', 'risk_links.reason', 'return_challenges.text', 'return_answers.text', 'return_events.note']));
    const seen = new Set<string>();
    const queue = ['/'];
    let escapedSeen = 0;
    const problems: string[] = [];
    while (queue.length > 0 && seen.size < MAX_PAGES) {
      const path = queue.shift() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await t.http.get(path);
      if (res.status >= 500) problems.push(`${path}: ${res.status}`);
      if (!/text\/html/.test(String(res.headers['content-type']))) continue;
      if (res.text.includes('<script>alert') || res.text.includes('<b>planted</b>')) problems.push(`${path}: unescaped markup`);
      if (res.text.includes(ESCAPED)) escapedSeen++;
      for (const [, href] of res.text.matchAll(/href="(\/[^"#]*)"/g)) {
        const link = (href as string).replace(/&amp;/g, '&');
        if (!seen.has(link) && !/\.(pdf|ics|css|ico|xlsx|csv)(\?|$)/.test(link) && !link.startsWith('/assets/')) queue.push(link);
      }
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(60);
    expect(escapedSeen).toBeGreaterThan(50);
  }, 180_000); // a crawl of a few hundred pages: slow on a busy 2-core machine
});
