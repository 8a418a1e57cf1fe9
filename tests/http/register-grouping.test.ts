import { startTestApp, type TestApp } from '../support/test-app';

// The overarching view grouped by category, register or owner (docs/domain.md): one heading per
// group, groups in order, each row under the heading of its own group.

/** The page's groups, each with the category, register and owner cells of its rows. */
function groupsOf(html: string): { heading: string; rows: string[][] }[] {
  const start = html.indexOf('<tbody class="govuk-table__body bw-register">');
  const body = html.slice(start, html.indexOf('</tbody>', start));
  const groups: { heading: string; rows: string[][] }[] = [];
  for (const [, heading, row] of body.matchAll(/<tr class="bw-group"><th[^>]*>([^<]*)<\/th><\/tr>|<tr>([\s\S]*?)<\/tr>/g)) {
    if (heading !== undefined) groups.push({ heading, rows: [] });
    else if (row !== undefined) {
      const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
      groups.at(-1)?.rows.push(cells);
    }
  }
  return groups;
}

describe('grouping the overarching register', () => {
  let t: TestApp;
  let divisionId: number;
  beforeAll(async () => {
    t = await startTestApp(undefined, { demo: true });
    divisionId = (await t.handle.db.selectFrom('nodes').select('id').where('code', '=', 'SCCTD').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('by category: each category once, in order, every risk under its own', async () => {
    const page = await t.http.get(`/nodes/${divisionId}?scope=all&group=category`).expect(200);
    const groups = groupsOf(page.text);
    const headings = groups.map((g) => g.heading);
    expect(headings.length).toBeGreaterThan(2);
    expect(new Set(headings).size).toBe(headings.length);
    expect(headings).toEqual([...headings].sort((a, b) => a.localeCompare(b)));
    for (const group of groups) for (const row of group.rows) expect(row[2]?.startsWith(group.heading)).toBe(true);
    // The same risks as the ungrouped page.
    const ungrouped = await t.http.get(`/nodes/${divisionId}?scope=all`).expect(200);
    const count = (html: string) => (html.match(/<td class="bw-nowrap">/g) ?? []).length;
    expect(count(page.text)).toBe(count(ungrouped.text));
    expect(page.text).toContain('<strong aria-current="true">Category</strong>');
  });

  it('by owner and by register, keeping the grouping in the sort links', async () => {
    const byOwner = await t.http.get(`/nodes/${divisionId}?scope=all&group=owner`).expect(200);
    for (const group of groupsOf(byOwner.text)) for (const row of group.rows) expect(row[3]).toBe(group.heading);
    const sortByReference = /href="([^"]*sort&#x3D;reference[^"]*)"/.exec(byOwner.text)?.[1] ?? '';
    expect(sortByReference).toContain('group&#x3D;owner');
    const byRegister = groupsOf((await t.http.get(`/nodes/${divisionId}?scope=all&group=register`).expect(200)).text);
    expect(byRegister.map((g) => g.heading)).toContain('Counter Terrorism Division risk register (SCCTD-CT)');
  });
});
