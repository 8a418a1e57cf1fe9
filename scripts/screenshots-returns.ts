// Walks the quarterly return pages on a running Bulwark (demo data) in headless Chromium, at
// 1280 px and 320 px wide, and saves full-page PNGs to look at: the business manager's home
// line, a register's returns with a refused submission, a challenged return with its answer
// form, HQ's table of returns, and a challenge refused for being empty.
// Usage: npx tsx scripts/screenshots-returns.ts [baseUrl] [outDir]
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';
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
    const hrefOf = (selector: string, text: string) =>
      page.$$eval(selector, (links, wanted) => links.find((a) => a.textContent?.includes(wanted))?.getAttribute('href') ?? null, text);

    await signInAsDemoUser(page, base, 'gareth-pryce');
    await shoot('q01-home-business-manager', '/');
    const challenged = await hrefOf('a[href^="/registers/"]', 'challenged');
    const registerId = challenged?.split('/')[2] ?? '2';
    await shoot('q02-register-returns', `/registers/${registerId}/returns`);
    if (challenged) await shoot('q03-return-challenged', challenged);
    // The current quarter cannot be submitted yet: some risks have no review in it.
    await page.goto(new URL(`/registers/${registerId}/returns`, base).toString());
    const submit = await page.$('form[action$="/submit"] button');
    if (submit) {
      await Promise.all([page.waitForNavigation(), submit.click()]);
      await capture('q04-submit-refused');
    }

    page = await (await browser.createBrowserContext()).newPage();
    await signInAsDemoUser(page, base, 'priya-raman');
    const hq = await page.goto(new URL('/', base).toString()).then(() => page.$eval('a[href^="/nodes/"]', (a) => a.getAttribute('href')));
    const hqId = hq?.split('?')[0]?.split('/')[2] ?? '1';
    await shoot('q05-hq-returns-table', `/nodes/${hqId}/returns`);
    if (challenged) {
      await page.goto(new URL(challenged, base).toString());
      await Promise.all([page.waitForNavigation(), page.click('#challenge-form button[type="submit"]')]);
      await capture('q06-empty-challenge-refused');
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
