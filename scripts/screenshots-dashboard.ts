// Walks the dashboard of the organisation and of a division on a running Bulwark (demo data) in
// headless Chromium, at 1280 px and 320 px wide, saves full-page PNGs, and saves the register
// pack of the division as a PDF to turn into PNGs (pdftoppm -r 50 -png).
// Usage: npm run screenshots:dashboard -- [baseUrl] [outDir]
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../server/browser/chromium';
import { signInAsDemoUser } from './support/demo-sign-in';

const WIDTHS = [1280, 320];

async function main(): Promise<void> {
  const base = process.argv[2] ?? 'http://localhost:3000';
  const outDir = process.argv[3] ?? 'screenshots';
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    const page = await (await browser.createBrowserContext()).newPage();
    const shoot = async (name: string, url: string) => {
      await page.goto(new URL(url, base).toString(), { waitUntil: 'load' });
      for (const width of WIDTHS) {
        await page.setViewport({ width, height: 900 });
        const file = path.join(outDir, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${page.url()} → ${file}`);
      }
    };
    await signInAsDemoUser(page, base, 'priya-raman');
    await page.goto(new URL('/', base).toString());
    const dashboards = await page.$$eval('a[href$="/dashboard"]', (links) => links.map((a) => a.getAttribute('href') ?? ''));
    const organisation = dashboards[0] ?? '/nodes/1/dashboard';
    await shoot('d01-dashboard-organisation', organisation);
    await shoot('d02-dashboard-inherent', `${organisation}?basis=inherent`);
    const division = await page.$$eval('a[href^="/nodes/"]', (links) => links.find((a) => a.textContent?.includes('Special Crime'))?.getAttribute('href'));
    const divisionId = (division ?? '/nodes/2').split('?')[0]?.split('/')[2] ?? '2';
    await shoot('d03-dashboard-division', `/nodes/${divisionId}/dashboard`);
    const pdf = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return Array.from(new Uint8Array(await response.arrayBuffer()));
    }, `/nodes/${divisionId}/register.pdf`);
    fs.writeFileSync(path.join(outDir, 'd04-register-pack.pdf'), Buffer.from(pdf));
    console.log(`register pack → ${path.join(outDir, 'd04-register-pack.pdf')}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
