// Walks the spreadsheet pages on a running Bulwark (demo data) in headless Chromium, at 1280 px
// and 320 px wide, and saves full-page PNGs: the register's links, the import form refusing a
// file, a dry run with errors, a dry run with changes, and the page an apply lands on.
// Usage: npm run screenshots:spreadsheets -- [baseUrl] [outDir]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import puppeteer, { type Page } from 'puppeteer-core';
import { chromiumLaunchOptions } from '../server/browser/chromium';
import { signInAsDemoUser } from './support/demo-sign-in';

const WIDTHS = [1280, 320];

async function main(): Promise<void> {
  const base = process.argv[2] ?? 'http://localhost:3000';
  const outDir = process.argv[3] ?? 'screenshots';
  fs.mkdirSync(outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-sheets-'));
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    const page = await (await browser.createBrowserContext()).newPage();
    const capture = async (name: string) => {
      for (const width of WIDTHS) {
        await page.setViewport({ width, height: 900 });
        const file = path.join(outDir, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${page.url()} → ${file}`);
      }
    };
    const upload = async (p: Page, file: string) => {
      const input = await p.$('input#file[type="file"]');
      if (!input) throw new Error('no file field');
      await input.uploadFile(file);
      await Promise.all([p.waitForNavigation(), p.click('main button[type="submit"]')]);
    };

    await signInAsDemoUser(page, base, 'gareth-pryce');
    await page.goto(new URL('/', base).toString());
    const href = await page.$$eval('a[href^="/nodes/"]', (links) => links.find((a) => a.textContent?.trim() === 'Special Crime and Counter Terrorism Division')?.getAttribute('href'));
    const nodeId = (href ?? '/nodes/2').split('?')[0]?.split('/')[2] ?? '2';
    await page.goto(new URL(`/nodes/${nodeId}?scope=all`, base).toString());
    await page.setViewport({ width: 1280, height: 700 });
    await page.screenshot({ path: path.join(outDir, 's01-register-links-1280.png') });
    await page.setViewport({ width: 320, height: 1400 });
    await page.screenshot({ path: path.join(outDir, 's01-register-links-320.png') });

    // The division's register as CSV, through the signed-in session.
    const cookie = (await page.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const csv = Buffer.from(await (await fetch(new URL(`/nodes/${nodeId}/register.csv?scope=all`, base), { headers: { Cookie: cookie } })).arrayBuffer());
    const records = parse(csv, { bom: true });
    const header = records[0] as string[];
    const set = (row: number, column: string, value: string) => { (records[row] as string[])[header.indexOf(column)] = value; };
    const write = (name: string, rows: string[][], separator = ',') => {
      const file = path.join(work, name);
      fs.writeFileSync(file, `\uFEFF${stringify(rows, { delimiter: separator, record_delimiter: 'windows', quoted_match: /[\r\n]/ })}`);
      return file;
    };

    await page.goto(new URL(`/nodes/${nodeId}/import`, base).toString());
    await upload(page, write('register-semicolons.csv', records, ';'));
    await capture('s02-import-refused');

    const mistakes = records.map((r) => [...r]);
    const cell = (rows: string[][], row: number, column: string, value: string) => { (rows[row] as string[])[header.indexOf(column)] = value; };
    cell(mistakes, 2, 'Current impact', 'Severe');
    cell(mistakes, 3, 'Owner', 'Gareth Pryce');
    cell(mistakes, 4, 'Identified on', '31/02/2026');
    await page.goto(new URL(`/nodes/${nodeId}/import`, base).toString());
    await upload(page, write('register-with-mistakes.csv', mistakes));
    await capture('s03-dry-run-errors');

    set(1, 'Current likelihood', '2');
    set(2, 'Title', 'Loss of specialist counter terrorism prosecutors to other government departments');
    set(3, 'Existing controls', 'Weekly case progression meeting with the police\nMonthly review of custody time limits');
    await page.goto(new URL(`/nodes/${nodeId}/import`, base).toString());
    await upload(page, write('register-edited.csv', records));
    await capture('s04-dry-run-changes');
    await Promise.all([page.waitForNavigation(), page.click('main form[action$="/import/apply"] button[type="submit"]')]);
    await capture('s05-applied');
  } finally {
    await browser.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
