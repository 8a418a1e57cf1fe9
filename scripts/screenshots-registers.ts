// Walks the pages of registers, moves and the sign-in lock on a running Bulwark (demo data) in
// headless Chromium, at 1280 px and 320 px wide, and saves full-page PNGs to look at.
// Usage: npm run screenshots:registers -- [baseUrl] [outDir]
import fs from 'node:fs';
import puppeteer, { type Page } from 'puppeteer-core';
import { chromiumLaunchOptions } from '../server/browser/chromium';
import { demoEmail, signInAsDemoUser } from './support/demo-sign-in';
import { capturePage, shootPage } from './support/screenshot-walk';


async function main(): Promise<void> {
  const base = process.argv[2] ?? 'http://localhost:3000';
  const outDir = process.argv[3] ?? 'screenshots';
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    // Each person in a browser context of their own, as two people on two machines.
    let page = await (await browser.createBrowserContext()).newPage();
    const capture = (name: string) => capturePage(page, outDir, name);
    const shoot = (name: string, url: string) => shootPage(page, base, outDir, name, url);
    const submit = (p: Page) => Promise.all([p.waitForNavigation(), p.click('main button[type="submit"]')]);

    // Three wrong passwords for a demo address, so the admin's user page has a lock to show.
    for (let n = 0; n < 3; n++) {
      await page.goto(new URL('/sign-in', base).toString());
      await page.type('#email', demoEmail('rebecca-thorne'));
      await page.type('#password', 'not her password');
      await submit(page);
    }
    await signInAsDemoUser(page, base, 'craig-atkinson');
    await page.goto(new URL('/admin/users', base).toString());
    const rebecca = await page.$$eval('a[href^="/admin/users/"]', (links) => links.find((a) => a.textContent?.includes('Rebecca'))?.getAttribute('href'));
    if (rebecca) await shoot('r01-user-sign-in-lock', rebecca);

    page = await (await browser.createBrowserContext()).newPage();
    await signInAsDemoUser(page, base, 'gareth-pryce');
    const ct = await page.goto(new URL('/', base).toString()).then(() => page.$$eval('a[href^="/nodes/"]', (links) => links.find((a) => a.textContent?.trim() === 'Counter Terrorism Division')?.getAttribute('href')));
    const ctId = (ct ?? '/nodes/4').split('?')[0]?.split('/')[2] ?? '4';
    await shoot('r02-registers', `/nodes/${ctId}/registers`);
    await page.goto(new URL(`/nodes/${ctId}/registers/new`, base).toString());
    await page.click('input[name="kind"][value="case"]');
    await page.type('#name', 'Operation Harrier case risk register');
    await page.$eval('#code', (el) => ((el as HTMLInputElement).value = 'SCCTD-OPX'));
    await submit(page);
    await capture('r03-register-form-code-taken');
    const york = await page.goto(new URL('/', base).toString()).then(() => page.$$eval('a[href^="/nodes/"]', (links) => links.find((a) => a.textContent?.includes('York'))?.getAttribute('href')));
    if (york) await shoot('r04-first-risk-with-register', `/nodes/${york.split('?')[0]?.split('/')[2]}/risks/new`);
    await page.goto(new URL(`/nodes/${ctId}`, base).toString());
    const riskHref = await page.$eval('a[href^="/risks/"]', (a) => a.getAttribute('href'));
    await shoot('r05-move-form', `${riskHref}/move`);
    await submit(page);
    await capture('r06-move-form-errors');
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
