import { addPlanWithApprovals } from '../support/exercise-fixtures';
import { addRisk, seedBasicOrganisation, type BasicOrganisation } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

// Registers and boards are paged in SQL, 100 rows a page: walking the pages forwards or
// backwards, in any order, with any filter, shows every row exactly once.
describe('paged registers and boards', () => {
  let t: TestApp;
  let org: BasicOrganisation;
  const RISKS = 250;
  const riskIds: number[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    org = await seedBasicOrganisation(t.handle.db);
    // Few distinct scores and titles, so every order has long runs of ties for paging to split.
    for (let n = 0; n < RISKS; n++) {
      riskIds.push(await addRisk(t.handle.db, org, {
        register_id: n % 3 === 0 ? org.unitRegisterId : org.divisionRegisterId,
        title: `Risk ${n % 7}`,
        current_likelihood: 1 + (n % 3),
        current_impact: 1 + (n % 2),
        owner_id: n % 5 === 0 ? null : org.ownerId,
        identified_on: n % 4 === 0 ? '2025-01-10' : '2026-11-01',
      }));
    }
    for (let n = 0; n < 120; n++) await addPlanWithApprovals(t.handle.db, org, { approvals: n % 2 === 0 ? ['2026-06-01'] : [], title: `Paged plan ${n}` });
  });
  afterAll(() => t.close());

  const risksOn = (html: string) => [...(html.split('bw-register')[1] ?? '').matchAll(/<a href="\/risks\/(\d+)">/g)].map((m) => Number(m[1]));
  const link = (html: string, rel: 'next' | 'prev') =>
    new RegExp(`<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="${rel}">`).exec(html)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');

  async function walk(first: string, rel: 'next' | 'prev', read: (html: string) => number[]) {
    const seen: number[] = [];
    let path: string | undefined = first;
    for (let pages = 0; path && pages < 20; pages++) {
      const html: string = (await t.http.get(path).expect(200)).text;
      seen.push(...read(html));
      path = link(html, rel);
    }
    return seen;
  }

  it.each(['score', 'reference', 'title', 'owner', 'review'])('shows every risk exactly once across the pages, sorted by %s, forwards and backwards', async (sort) => {
    const forwards = await walk(`/nodes/${org.divisionId}?scope=all&sort=${sort}`, 'next', risksOn);
    expect(forwards).toHaveLength(RISKS);
    expect(new Set(forwards).size).toBe(RISKS);
    expect([...forwards].sort((a, b) => a - b)).toEqual([...riskIds].sort((a, b) => a - b));
    const backwards = await walk(`/nodes/${org.divisionId}?scope=all&sort=${sort}&page=3`, 'prev', risksOn);
    expect(new Set(backwards)).toEqual(new Set(forwards));
    expect(backwards).toHaveLength(RISKS);
  });

  it('keeps the filters in the page links, and counts the whole filter in the heat map', async () => {
    const first = await t.http.get(`/nodes/${org.divisionId}?scope=all&owner=none&sort=title`).expect(200);
    const unowned = riskIds.filter((_, n) => n % 5 === 0).length;
    expect(first.text).toContain(`${unowned} risks shown of ${RISKS}`);
    const all = await walk(`/nodes/${org.divisionId}?scope=all&review=overdue`, 'next', risksOn);
    expect(all).toHaveLength(riskIds.filter((_, n) => n % 4 === 0).length);
    const page2 = await t.http.get(`/nodes/${org.divisionId}?scope=all&page=2`).expect(200);
    // The heat map counts all 250 open risks, not the 100 on the page.
    const counts = [...page2.text.matchAll(/aria-label="Likelihood \d, impact \d, [^:]+: (\d+) risks?"/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(RISKS);
    expect(page2.text).toContain('aria-current="page">2</a>');
  });

  it('pages the coordinator’s board, worst first, every plan once', async () => {
    const plansOn = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/plans\/(\d+)\/exercises">/g)].map((m) => Number(m[1]));
    const forwards = await walk(`/nodes/${org.divisionId}/plans/board`, 'next', plansOn);
    expect(forwards).toHaveLength(120);
    expect(new Set(forwards).size).toBe(120);
    // Approved in June and never tested: the call cascade falls due within 30 days.
    const dueSoon = await walk(`/nodes/${org.divisionId}/plans/board?state=amber`, 'next', plansOn);
    expect(dueSoon).toHaveLength(60);
    expect(await walk(`/nodes/${org.divisionId}/plans/board?state=none`, 'next', plansOn)).toHaveLength(60);
  });

  it('treats a page past the end as the last page', async () => {
    const res = await t.http.get(`/nodes/${org.divisionId}?scope=all&page=99`).expect(200);
    expect(risksOn(res.text)).toHaveLength(RISKS - 200);
  });
});
