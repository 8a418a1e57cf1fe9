import { sql } from 'kysely';
import { pdfPages, pageWith } from '../support/pdf-text';
import { bookmarksOf, pdfInfo, structureOf, structureTextOf } from '../support/pdf-structure';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';
import { fixedClock } from '../../server/clock';
import { buildAcceptedRegisterPack } from '../../server/presenters/register-pack-accepted';
import type { ReturnSnapshot } from '../../server/domain/returns';

// The dashboard (/nodes/:id/dashboard) and the register pack (/nodes/:id/register.pdf) against
// the demo: figures equal counts computed here from the tables, each link's filter lists that
// many risks, and the pack read back with pdftotext. Print tests are few: Chromium is slow.

const binary = (res: { on(e: string, f: (c: Buffer) => void): void }, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The number a link shows, found by its href. */
function figureAt(html: string, href: string): number {
  const escaped = href.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`href="${escaped}"[^>]*>(?:<span class="bw-figure__number">)?(\\d+)`, 'g').exec(html);
  if (!match) throw new Error(`No figure links to ${href}`);
  return Number(match[1]);
}

/** How many risks the register says a filter matches. */
async function registerMatches(t: TestApp, href: string): Promise<number> {
  const html = (await t.http.get(href.replace(/&amp;/g, '&')).expect(200)).text;
  const match = /(?:Risks \d+ to \d+ of (\d+) shown|(\d+) risks? shown|No risks shown)/.exec(html);
  if (!match) throw new Error(`No count on ${href}`);
  return Number(match[1] ?? match[2] ?? 0);
}

describe('the dashboard and the register pack', () => {
  let t: TestApp;
  let organisationId: number;
  let divisionId: number;
  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
    organisationId = (await t.handle.db.selectFrom('nodes').select('id').where('kind', '=', 'organisation').executeTakeFirstOrThrow()).id;
    divisionId = (await t.handle.db.selectFrom('nodes').select('id').where('name', 'like', 'Special Crime%').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('shows the organisation its figures, each equal to a count from the tables and to the rows its link lists', async () => {
    const html = (await t.http.get(`/nodes/${organisationId}/dashboard`).expect(200)).text;
    const one = async (query: string) => Number(((await sql<{ n: number }>`${sql.raw(query)}`.execute(t.handle.db)).rows[0] as { n: number }).n);
    const today = TODAY;
    const open = await one(`SELECT count(*) AS n FROM risks WHERE status = 'open'`);
    const above = await one(`SELECT count(*) AS n FROM risks r JOIN categories c ON c.id = r.category_id JOIN matrix_cells m ON m.likelihood = r.current_likelihood AND m.impact = r.current_impact WHERE r.status = 'open' AND m.level_rank > c.appetite_rank`);
    const actions = await one(`SELECT count(*) AS n FROM actions a JOIN risks r ON r.id = a.risk_id WHERE r.status = 'open' AND a.status IN ('not_started', 'in_progress') AND a.due_on < '${today}'`);
    const actionRisks = await one(`SELECT count(DISTINCT a.risk_id) AS n FROM actions a JOIN risks r ON r.id = a.risk_id WHERE r.status = 'open' AND a.status IN ('not_started', 'in_progress') AND a.due_on < '${today}'`);
    const base = `/nodes/${organisationId}?scope=all`;
    expect(figureAt(html, base)).toBe(open);
    expect(figureAt(html, `${base}&appetite=above`)).toBe(above);
    expect(figureAt(html, `${base}&actions=overdue`)).toBe(actions);
    expect(above).toBeGreaterThan(0);
    expect(actions).toBeGreaterThan(0);
    expect(await registerMatches(t, `${base}&appetite=above`)).toBe(above);
    expect(await registerMatches(t, `${base}&actions=overdue`)).toBe(actionRisks);

    // Each category's count, and its link's rows.
    const categories = await t.handle.db.selectFrom('categories').select(['id', 'name']).execute();
    for (const c of categories) {
      const n = await one(`SELECT count(*) AS n FROM risks WHERE status = 'open' AND category_id = ${c.id}`);
      if (n === 0) continue;
      expect(figureAt(html, `${base}&category=${c.id}`)).toBe(n);
      expect(await registerMatches(t, `${base}&category=${c.id}`)).toBe(n);
    }
    // Each objective's count, and its link's rows.
    const objective = (await t.handle.db.selectFrom('risks').select('objective_id').where('objective_id', 'is not', null).where('status', '=', 'open').executeTakeFirstOrThrow()).objective_id as number;
    const byObjective = await one(`SELECT count(*) AS n FROM risks WHERE status = 'open' AND objective_id = ${objective}`);
    expect(figureAt(html, `${base}&objective=${objective}`)).toBe(byObjective);
    expect(await registerMatches(t, `${base}&objective=${objective}`)).toBe(byObjective);
    // Each heat map cell of current scores, and the inherent map's cells on the switch.
    const cells = (await sql<{ l: number; i: number; n: number }>`SELECT current_likelihood AS l, current_impact AS i, count(*) AS n FROM risks WHERE status = 'open' GROUP BY 1, 2`.execute(t.handle.db)).rows;
    for (const c of cells) expect(figureAt(html, `${base}&l=${c.l}&i=${c.i}`)).toBe(Number(c.n));
    const inherentHtml = (await t.http.get(`/nodes/${organisationId}/dashboard?basis=inherent`).expect(200)).text;
    const inherent = (await sql<{ l: number; i: number; n: number }>`SELECT inherent_likelihood AS l, inherent_impact AS i, count(*) AS n FROM risks WHERE status = 'open' GROUP BY 1, 2`.execute(t.handle.db)).rows;
    for (const c of inherent) {
      expect(figureAt(inherentHtml, `${base}&l=${c.l}&i=${c.i}&basis=inherent`)).toBe(Number(c.n));
    }
    const firstInherent = inherent[0] as { l: number; i: number; n: number };
    expect(await registerMatches(t, `${base}&l=${firstInherent.l}&i=${firstInherent.i}&basis=inherent`)).toBe(Number(firstInherent.n));
  });

  it('draws the trend as SVG with a title and description, and the same figures as a table', async () => {
    const html = (await t.http.get(`/nodes/${organisationId}/dashboard`).expect(200)).text;
    expect(html).not.toContain('<script');
    for (const id of ['trend-levels', 'trend-directions']) {
      expect(html).toContain(`<title id="${id}-title">`);
      expect(html).toContain(`<desc id="${id}-desc">`);
    }
    // This quarter's bar of the level chart: each risk reviewed this quarter once, by its last review.
    const reviewed = Number(((await sql<{ n: number }>`SELECT count(DISTINCT risk_id) AS n FROM reviews WHERE fy_year = 2026 AND fy_quarter = 3`.execute(t.handle.db)).rows[0] as { n: number }).n);
    const levelTable = html.slice(html.indexOf('id="trend-levels-heading"'), html.indexOf('id="trend-directions-heading"'));
    const row = /<th scope="row" class="govuk-table__header">2026-27 Q3<\/th>(.*?)<\/tr>/.exec(levelTable)?.[1] ?? '';
    const numbers = [...row.matchAll(/>(\d+)</g)].map((m) => Number(m[1]));
    expect(numbers[numbers.length - 1]).toBe(reviewed);
    expect(reviewed).toBeGreaterThan(0);
    // The table of figures is hidden inside a wrapper, not hidden itself: a hidden table of that width widened the page at 320 px.
    expect(html).toMatch(/<div class="bw-print-words">\s*<table class="govuk-table bw-table-compact">/);
    expect(html).toContain(`Register pack as accepted for 2026-27 Q2 (PDF)`);
    expect(html).toContain(`/nodes/${organisationId}/register.pdf?quarter&#x3D;2026-27Q2`);
    // Rects per quarter with their own figures in a <title>.
    expect(html).toMatch(/<rect [^>]*><title>2026-27 Q3, [^:]+: \d+<\/title><\/rect>/);
  });

  it('shows each child node\'s returns by state, and the division its own dashboard', async () => {
    const html = (await t.http.get(`/nodes/${organisationId}/dashboard`).expect(200)).text;
    expect(html).toContain('Quarterly returns for 2026-27 Q2');
    for (const state of ['Not submitted', 'Submitted', 'Challenged', 'Responded', 'Accepted']) expect(html).toContain(state);
    const division = (await t.http.get(`/nodes/${divisionId}/dashboard`).expect(200)).text;
    expect(division).toContain('Special Crime');
    await t.http.get('/nodes/99999/dashboard').expect(404);
  });

  it('prints the pack: cover, contents pointing at the pages where sections start, marking and page x of y on every page, cards and the register', async () => {
    const res = await t.http.get(`/nodes/${divisionId}/register.pdf`).buffer(true).parse(binary).expect(200).expect('Content-Type', /application\/pdf/);
    expect(res.headers['cache-control']).toBe('no-store');
    const pages = pdfPages(res.body as Buffer);
    expect(pages[0]).toContain('Register pack for the Audit and Risk Committee');
    expect(pages[0]).toContain('Generated on');
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page.match(/OFFICIAL-SENSITIVE/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(page).toContain('Special Crime and Counter Terrorism Division');
    });
    const contents = pages[pageWith(pages, 'Contents')] ?? '';
    const sections: [string, string][] = [
      ['Summary: counts by level', 'Open risks by current level'],
      ['Red and above-appetite risks', 'Each open risk at the highest level'],
      ['This quarter: new, closed', 'New risks ('],
      ['Full register', 'risks, worst first'],
      ['Overdue reviews and actions', 'Reviews overdue ('],
      ['Quality findings', 'findings on open risks'],
      ['State of each quarterly return', "registers' returns accepted"],
    ];
    let previous = 0;
    for (const [title, firstLine] of sections) {
      const listed = Number(new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\n]*?\\s(\\d+)\\s*$`, 'm').exec(contents)?.[1]);
      const actual = pageWith(pages, firstLine) + 1;
      expect({ title, listed }).toEqual({ title, listed: actual });
      expect(actual).toBeGreaterThan(previous);
      previous = actual;
    }
    // A red risk's card, and every open risk of the division in the register table, none split.
    const red = await t.handle.db.selectFrom('risk_facts as f').innerJoin('risks as r', 'r.id', 'f.risk_id').select('r.reference')
      .where('f.status', '=', 'open').where('f.node_id', 'in', (await t.handle.db.selectFrom('nodes').select('id').where((eb) => eb.or([eb('id', '=', divisionId), eb('parent_id', '=', divisionId)])).execute()).map((n) => n.id))
      .orderBy('f.current_score', 'desc').executeTakeFirstOrThrow();
    const cards = pages.slice(pageWith(pages, 'Each open risk at the highest level'), pageWith(pages, 'New risks (')).join('\n');
    expect(cards).toContain(`${red.reference}:`);
    expect(cards).toContain('Controls');
    const register = pages.slice(pageWith(pages, 'risks, worst first'), pageWith(pages, 'Reviews overdue (')).join('\n');
    expect(register).toContain(red.reference);
    const registerPages = pages.slice(pageWith(pages, 'risks, worst first'), pageWith(pages, 'Reviews overdue ('));
    for (const page of registerPages) expect(page).toMatch(/Reference\s+Risk\s+Register/);

    // Joined from separately printed parts, it is still one tagged document: its title heading,
    // then a bookmark per section at the page the contents gives, and tables with header cells.
    const pdf = res.body as Buffer;
    expect(pdfInfo(pdf).Tagged).toBe('yes');
    const elements = structureOf(pdf);
    expect(elements.filter((element) => element.depth === 0).map((element) => element.type)).toEqual(['Document']);
    expect(elements.filter((element) => element.type === 'H1')).toHaveLength(1);
    expect(elements.some((element) => element.type === 'TH')).toBe(true);
    const bookmarks = bookmarksOf(pdf);
    expect(bookmarks.map((bookmark) => bookmark.title)).toEqual(['Special Crime and Counter Terrorism Division']);
    const sectionBookmarks = bookmarks[0]!.children;
    expect(sectionBookmarks[0]?.title).toBe('Contents');
    for (const [title, firstLine] of sections) {
      // The contents names a section by what it holds; its bookmark is its heading.
      const heading = title === 'State of each quarterly return' ? 'Quarterly returns' : title.split(':')[0]!;
      const bookmark = sectionBookmarks.find((candidate) => candidate.title.startsWith(heading));
      expect({ title, page: bookmark?.page }).toEqual({ title, page: pageWith(pages, firstLine) + 1 });
    }
    // Headers, footers and the page numbers stamped after joining are running artifacts, not the pack's text.
    const structureText = structureTextOf(pdf);
    expect(structureText).toContain('Generated on');
    expect(structureText).not.toMatch(/Page \d+ of/);
    expect(structureText.match(/OFFICIAL-SENSITIVE/g)).toHaveLength(1);
  });

  it('prints the pack as accepted for a quarter: the accepted value after a later rescore, "as accepted" on the cover, and the registers not accepted listed', async () => {
    // The demo's SCCTD divisional return for 2026-27 Q1 was accepted; its units made no return for that quarter.
    const accepted = await t.handle.db.selectFrom('returns as r').innerJoin('registers as g', 'g.id', 'r.register_id').innerJoin('return_snapshots as s', 's.return_id', 'r.id')
      .select(['g.code', 'r.accepted_at', 's.json']).where('g.code', '=', 'SCCTD').where('r.fy_year', '=', 2026).where('r.fy_quarter', '=', 1).where('r.state', '=', 'accepted').executeTakeFirstOrThrow();
    const snapshot = JSON.parse(accepted.json) as ReturnSnapshot;
    // The worst risk above appetite when accepted: it has a card in the pack as accepted.
    const worst = [...snapshot.risks].filter((r) => r.aboveAppetite).sort((a, b) => b.current.score - a.current.score)[0] as ReturnSnapshot['risks'][number];
    // After acceptance the risk is reviewed down to the lowest cell through the review form.
    const live = await t.handle.db.selectFrom('risks').select(['version', 'owner_id']).where('id', '=', worst.id).executeTakeFirstOrThrow();
    const reviewer = live.owner_id ?? (await t.handle.db.selectFrom('people').select('id').executeTakeFirstOrThrow()).id;
    await t.http.post(`/risks/${worst.id}/reviews`).type('form')
      .send({ reviewed_on: TODAY, reviewer_id: String(reviewer), current_likelihood: '1', current_impact: '1', commentary: 'Contingency site in Leeds now tested', still_valid: 'yes', version: String(live.version) }).expect(303);
    const now = await t.handle.db.selectFrom('risk_facts').select('current_score').where('risk_id', '=', worst.id).executeTakeFirstOrThrow();
    expect(now.current_score).toBe(1);
    expect(worst.current.score).toBeGreaterThan(1);

    const notAccepted = await t.handle.db.selectFrom('registers as g').innerJoin('nodes as n', 'n.id', 'g.node_id').select('g.code')
      .where('n.parent_id', '=', divisionId).where('g.closed_on', 'is', null).execute();
    expect(notAccepted.length).toBeGreaterThan(0);

    const res = await t.http.get(`/nodes/${divisionId}/register.pdf?quarter=2026-27Q1`).buffer(true).parse(binary).expect(200).expect('Content-Type', /application\/pdf/);
    const pages = pdfPages(res.body as Buffer);
    expect(pages[0]).toContain('As accepted by HQ for 2026-27 Q1');
    const acceptedOn = new Date(`${(accepted.accepted_at as string).slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(pages[0]).toMatch(new RegExp(`SCCTD[^\\n]*${acceptedOn}`));
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
    // The registers left out are listed in their own section, before any figure.
    const left = pages[pageWith(pages, 'were not accepted by HQ (or not submitted)')] ?? '';
    for (const { code } of notAccepted) expect(left).toContain(code);
    expect(left).toContain('Not submitted');
    // The register table and the card show the risk as accepted, not as rescored since.
    const register = pages.slice(pageWith(pages, 'risks, worst first, as accepted'), pageWith(pages, 'Reviews overdue (')).join('\n');
    const row = register.split('\n').find((line) => line.includes(worst.reference)) ?? '';
    expect(row).toContain(`${worst.current.score} ${worst.current.level.name}`);
    expect(row).not.toMatch(/\b1 Low\b/);
    const cards = pages.slice(pageWith(pages, 'Each open risk at the highest level'), pageWith(pages, 'New risks (') + 1).join('\n');
    expect(cards).toContain(`${worst.reference}: ${worst.title.slice(0, 30)}`);
    // Only the accepted register's risks: none of the units' own risks.
    for (const { code } of notAccepted) expect(register).not.toMatch(new RegExp(`\\b${code}-R\\d`));
    // What stays live says so.
    expect(pages.join('\n')).toMatch(/Live: read from the review history/);
  });

  it('refuses a malformed or future quarter with 400, and gives a quarter with no accepted return the list only', async () => {
    const malformed = await t.http.get(`/nodes/${divisionId}/register.pdf?quarter=2026-28Q3`).expect(400);
    expect(malformed.text).toContain('is not a quarter: quarters are written like 2026-27Q3');
    const future = await t.http.get(`/nodes/${divisionId}/register.pdf?quarter=2030-31Q1`).expect(400);
    expect(future.text).toContain('2030-31 Q1 has not started yet');
    // No print: the model of a quarter with no accepted return holds no risk and lists every register as not accepted.
    const pack = await buildAcceptedRegisterPack(t.handle.db, fixedClock(TODAY), divisionId, '2024-25Q1', 'Test');
    expect(pack.asAccepted.returns).toEqual([]);
    expect(pack.registerCount).toBe(0);
    expect(pack.asAccepted.notAccepted.length).toBeGreaterThan(0);
    expect(pack.asAccepted.notAccepted.every((r) => r.stateLabel === 'Not submitted')).toBe(true);
  });
});
