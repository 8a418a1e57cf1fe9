import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumLaunchOptions } from '../../server/browser/chromium';
import { DEMO_PASSWORD, demoOrganisation } from '../../scripts/demo/demo-data';
import { startTestApp, TODAY, type TestApp } from '../support/test-app';

// The demo in real Chromium, as the people who use it: axe-core (WCAG 2.2 AA and best practice)
// finds nothing on any page; at 320 px nothing scrolls a page sideways outside a table's own
// scrolling region; every aria-describedby names ids on the page; a form sent back with errors
// has its summary focused and each summary link lands on a field that takes focus.

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

jest.setTimeout(240_000);

interface PageFacts {
  violations: string[];
  width: number;
  missingDescriptions: string[];
}

async function factsOf(page: Page): Promise<PageFacts> {
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    type Axe = { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    const missing = Array.from(document.querySelectorAll('[aria-describedby]')).flatMap((element: Element) =>
      (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id: string) => id && !document.getElementById(id)).map((id: string) => `${element.tagName}#${element.id} → ${id}`));
    return {
      violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
      width: document.documentElement.scrollWidth,
      missingDescriptions: missing,
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

  const idOf = async (code: string) => (await t.handle.db.selectFrom('nodes').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const riskOf = async (title: string) => (await t.handle.db.selectFrom('risks').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  it('finds no axe violation, no sideways scrolling at 320 px and no dangling description on the pages each person uses', async () => {
    const scctd = await idOf('SCCTD');
    const ijocd = await idOf('IJOCD');
    const risk = await riskOf('Volume of digital material delays disclosure');
    const plan = (await t.handle.db.selectFrom('plans').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const register = (await t.handle.db.selectFrom('registers').select('id').where('code', '=', 'SCCTD').executeTakeFirstOrThrow()).id;
    const visits: [string, string[]][] = [
      ['gareth-pryce', ['/', `/nodes/${scctd}`, `/nodes/${scctd}?scope=all`, `/risks/${risk}`, `/risks/${risk}/history`, `/risks/${risk}/edit`, `/risks/${risk}/reviews/new`,
        `/risks/${risk}/escalate`, `/risks/${risk}/links/new`, `/nodes/${scctd}/duplicates`, `/nodes/${scctd}/dashboard`, `/registers/${register}/returns`, `/nodes/${scctd}/registers`, `/nodes/${scctd}/import`]],
      ['priya-raman', ['/', `/nodes/${ijocd}?scope=all`, `/nodes/${scctd}/returns`]],
      ['hannah-sowerby', [`/nodes/${scctd}/plans`, `/nodes/${scctd}/plans/board`, `/plans/${plan}`]],
      ['craig-atkinson', ['/admin', '/admin/nodes', '/admin/settings', '/admin/users']],
    ];
    const problems: string[] = [];
    for (const [person, paths] of visits) {
      const page = await signedIn(person);
      for (const path of paths) {
        for (const width of [1280, 320]) {
          await page.setViewport({ width, height: 900 });
          const response = await page.goto(`${base}${path}`);
          if (response?.status() !== 200) problems.push(`${person} ${path}: ${response?.status()}`);
          const facts = await factsOf(page);
          // Colour contrast and the like do not change with the width: axe once, at 1280.
          if (width === 1280) problems.push(...facts.violations.map((v) => `${person} ${path}: ${v}`), ...facts.missingDescriptions.map((m) => `${person} ${path}: ${m}`));
          if (width === 320 && facts.width > 320) problems.push(`${person} ${path}: ${facts.width} px wide at 320`);
        }
      }
    }
    expect(problems).toEqual([]);
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
      const focused = await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false);
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
