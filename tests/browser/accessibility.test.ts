import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumLaunchOptions } from '../../server/browser/chromium';
import { DEMO_PASSWORD, demoOrganisation } from '../../scripts/demo/demo-data';
import { CrawlFrontier, linksOf, pageIdentity, type CrawlVisit } from '../support/site-crawl';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

// The demo in real Chromium, as each of its six people: from the home page, every page they can
// reach by a link (each route pattern once, tests/support/site-crawl.ts). Every page answers 200;
// axe-core (WCAG 2.2 AA and best practice) finds nothing; at 320 px nothing scrolls a page
// sideways outside a table's own scrolling region; every aria-describedby names ids on the page;
// every table has a caption; no two pages share a title, two records of one page included. Then
// a form sent back with errors has its summary focused and each summary link lands on a field.

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

jest.setTimeout(240_000);
/** Crawls at once: two, for this machine's two cores. */
const CRAWL_LANES = 2;

interface PageFacts {
  violations: string[];
  missingDescriptions: string[];
  /** Tables without a caption, each named by the region or heading around it. */
  uncaptioned: string[];
}

async function factsOf(page: Page): Promise<PageFacts> {
  // Only violations are read: axe then details one node per passing rule instead of every one.
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    type Axe = { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    const missing = Array.from(document.querySelectorAll('[aria-describedby]')).flatMap((element: Element) =>
      (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id: string) => id && !document.getElementById(id)).map((id: string) => `${element.tagName}#${element.id} → ${id}`));
    return {
      violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
      missingDescriptions: missing,
      uncaptioned: Array.from(document.querySelectorAll('table')).filter((table) => !table.querySelector(':scope > caption'))
        .map((table) => table.closest('[aria-label]')?.getAttribute('aria-label') ?? table.closest('section, form, main')?.querySelector('h1, h2')?.textContent?.trim() ?? 'the page'),
    };
  }, TAGS);
}

describe('accessibility of the demo in Chromium', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp(TODAY, { demo: true });
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await puppeteer.launch(chromiumLaunchOptions);
    startCrawls();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  async function signedIn(personKey: string): Promise<Page> {
    const page = await (await browser.createBrowserContext()).newPage();
    await page.goto(`${base}/sign-in`);
    await page.type('#email', demoOrganisation.people.find((p) => p.key === personKey)?.email ?? '');
    await page.type('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    return page;
  }

  const riskOf = async (title: string) => (await t.handle.db.selectFrom('risks').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  interface Crawl {
    problems: string[];
    pages: number;
    titleOnly: number;
    ms: number;
  }

  /** Every page the person reaches from the home page, checked; what is wrong, as lines. */
  async function crawlAs(person: string): Promise<Crawl> {
    const started = Date.now();
    const page = await signedIn(person);
    const origin = new URL(base).origin;
    const frontier = new CrawlFrontier('/');
    const problems: string[] = [];
    const pageOfTitle = new Map<string, string>();
    const noteTitle = (url: string, title: string) => {
      const identity = pageIdentity(url);
      const other = pageOfTitle.get(title);
      if (other === undefined) pageOfTitle.set(title, identity);
      else if (other !== identity) problems.push(`${url}: title "${title}" is also ${other}'s`);
    };
    // Each page is checked at 1280 px (axe) and at 320 (reflow), in whichever order starts with
    // the width it opened at: the next page opens at the width this one ends at, so every page
    // is laid out twice, not three times.
    let width = 1280;
    const atWidth = async (next: number) => {
      if (next !== width) await page.setViewport({ width: next, height: 900 });
      width = next;
    };
    await page.setViewport({ width, height: 900 });
    // The frontier grows as pages are read: a second record's links count too, so a page only it links to is found.
    for (let i = 0; i < frontier.visits.length; i++) {
      const { url, check, from } = frontier.visits[i] as CrawlVisit;
      const response = await page.goto(`${base}${url}`);
      if (response?.status() !== 200) {
        problems.push(`${url} (linked from ${from}): ${response?.status()}`);
        continue;
      }
      noteTitle(url, await page.title());
      for (const link of await linksOf(page, origin)) frontier.offer(link, url);
      if (check === 'title') continue;
      for (const checkWidth of width === 1280 ? [1280, 320] : [320, 1280]) {
        await atWidth(checkWidth);
        if (checkWidth === 320) {
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > 320) problems.push(`${url}: ${scrollWidth} px wide at 320`);
        } else {
          const facts = await factsOf(page);
          problems.push(...facts.violations.map((v) => `${url}: ${v}`), ...facts.missingDescriptions.map((m) => `${url}: ${m}`), ...facts.uncaptioned.map((t) => `${url}: table without a caption in ${t}`));
        }
      }
    }
    await page.browserContext().close();
    return { problems, pages: frontier.visits.filter((v) => v.check === 'full').length, titleOnly: frontier.visits.filter((v) => v.check === 'title').length, ms: Date.now() - started };
  }

  // The six crawls run two at a time, a browser context each: the file takes minutes, not five.
  const people = demoOrganisation.users.map((u) => u.personKey);
  const crawls = new Map<string, Promise<Crawl>>();
  function startCrawls(): void {
    const turns = people.map((person) => {
      let start = () => {};
      const turn = new Promise<void>((resolve) => (start = resolve));
      crawls.set(person, turn.then(() => crawlAs(person)));
      return { person, start };
    });
    for (let lane = 0; lane < CRAWL_LANES; lane++) {
      void (async () => {
        for (let next = turns.shift(); next !== undefined; next = turns.shift()) {
          next.start();
          await crawls.get(next.person)?.catch(() => undefined);
        }
      })();
    }
  }

  it.each(people)('as %s, every page reached has no axe violation, no sideways scrolling at 320 px, no dangling description and a title of its own', async (person) => {
    const crawl = await (crawls.get(person) as Promise<Crawl>);
    expect({ person, problems: crawl.problems }).toEqual({ person, problems: [] });
  });

  it('focuses the error summary of a form sent back, and each of its links lands on a field that takes focus', async () => {
    const risk = await riskOf('Volume of digital material delays disclosure');
    const page = await signedIn('gareth-pryce');
    await page.setViewport({ width: 1280, height: 900 });
    for (const path of [`/risks/${risk}/escalate`, `/risks/${risk}/acceptances/new`, `/risks/${risk}/reviews/new`]) {
      await page.goto(`${base}${path}`);
      // Empty what the form offers, so every required field is refused.
      await page.$$eval('main textarea, main input[type="text"]', (fields) => fields.forEach((f) => ((f as HTMLInputElement).value = '')));
      await Promise.all([page.waitForNavigation(), page.click('main form button[type="submit"]')]);
      // autofocus takes effect at the page's next rendering step, which on a loaded machine can
      // come after the load event: wait for it (a page that never focuses the summary still fails).
      const focused = await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false, { timeout: 5000 })
        .then(() => true, () => false);
      expect({ path, focused }).toEqual({ path, focused: true });
      const links = await page.$$eval('.govuk-error-summary__list a', (anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) {
        const target = await page.evaluate((id) => {
          const element = document.getElementById(id);
          if (!element) return 'missing';
          element.focus();
          return document.activeElement === element ? element.tagName : `${element.tagName} does not take focus`;
        }, href.slice(1));
        expect({ path, href, target }).toEqual({ path, href, target: expect.stringMatching(/^(INPUT|SELECT|TEXTAREA)$/) });
      }
    }
  });
});
