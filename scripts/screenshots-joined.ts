// Walks the pages of registers joined up across levels on a running Bulwark (demo data) in
// headless Chromium, at 1280 px and 320 px wide, and saves full-page PNGs to look at.
// Usage: npm run screenshots:joined -- [baseUrl] [outDir]
import fs from 'node:fs';
import puppeteer, { type Page } from 'puppeteer-core';
import { chromiumLaunchOptions } from '../server/browser/chromium';
import { signInAsDemoUser } from './support/demo-sign-in';
import { capturePage, shootPage } from './support/screenshot-walk';


async function main(): Promise<void> {
  const base = process.argv[2] ?? 'http://localhost:3000';
  const outDir = process.argv[3] ?? 'screenshots';
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    let page = await (await browser.createBrowserContext()).newPage();
    const capture = (name: string) => capturePage(page, outDir, name);
    const shoot = (name: string, url: string) => shootPage(page, base, outDir, name, url);
    const submit = (p: Page) => Promise.all([p.waitForNavigation(), p.click('main button[type="submit"]')]);
    const hrefOf = async (selector: string, text: string) =>
      page.$$eval(selector, (links, wanted) => links.find((a) => a.textContent?.includes(wanted))?.getAttribute('href') ?? null, text);

    await signInAsDemoUser(page, base, 'gareth-pryce');
    await shoot('j01-home', '/');
    const scctd = (await hrefOf('a[href^="/nodes/"]', 'Special Crime and Counter Terrorism'))?.split('?')[0] ?? '/nodes/2';
    await shoot('j02-division-register-proposals-suggestions', scctd);
    await shoot('j03-register-filtered-by-finding', `${scctd}?scope=all&finding=likely-duplicate`);
    await shoot('j04-duplicates', `${scctd}/duplicates`);
    await page.goto(new URL(`${scctd}/duplicates`, base).toString());
    const notDuplicate = await page.$eval('a[href*="not-duplicate"]', (a) => a.getAttribute('href')).catch(() => null);
    if (notDuplicate) {
      await shoot('j05-not-duplicate-form', notDuplicate);
      await submit(page);
      await capture('j06-not-duplicate-form-errors');
    }
    await page.goto(new URL(scctd, base).toString());
    const proposal = await page.$eval('a[href^="/proposals/"]', (a) => a.getAttribute('href')).catch(() => null);
    const dismiss = await page.$eval('a[href*="/suggestions/dismiss"]', (a) => a.getAttribute('href')).catch(() => null);
    if (proposal) await shoot('j07-proposal-waiting', proposal);
    if (dismiss) await shoot('j08-dismiss-suggestion', dismiss);
    await page.goto(new URL(`${scctd}?scope=all`, base).toString());
    const ctRisk = await hrefOf('a[href^="/risks/"]', 'Volume of digital material delays disclosure');
    if (ctRisk) {
      await shoot('j09-risk-linked-up', ctRisk);
      await shoot('j10-escalate-form', `${ctRisk}/escalate`);
      await page.$eval('#reason', (el) => ((el as HTMLTextAreaElement).value = ''));
      await submit(page);
      await capture('j11-escalate-form-errors');
      await shoot('j12-link-form', `${ctRisk}/links/new`);
    }

    page = await (await browser.createBrowserContext()).newPage();
    await signInAsDemoUser(page, base, 'stephen-mulligan');
    const ijocd = (await page.goto(new URL('/', base).toString()).then(() => hrefOf('a[href^="/nodes/"]', 'International Justice')))?.split('?')[0] ?? '/nodes/7';
    await page.goto(new URL(`${ijocd}?scope=all`, base).toString());
    const lapsed = await hrefOf('a[href^="/risks/"]', 'Costs of exceptional extradition cases');
    if (lapsed) {
      await shoot('j13-risk-acceptance-lapsed', lapsed);
      await shoot('j14-acceptance-form', `${lapsed}/acceptances/new`);
      await submit(page);
      await capture('j15-acceptance-form-errors');
    }
    await page.goto(new URL(`${ijocd}?scope=all`, base).toString());
    const escalatedUp = await hrefOf('a[href^="/risks/"]', 'Custody time limits in multi-defendant cases');
    if (escalatedUp) await shoot('j16-risk-escalated-from-below', escalatedUp);
    if (escalatedUp) await shoot('j17-risk-history', `${escalatedUp}/history`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
