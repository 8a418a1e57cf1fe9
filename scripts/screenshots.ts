// Walks the main pages of a running Bulwark in headless Chromium and saves full-page PNGs,
// so a person can look at what users see. Usage: npm run screenshots -- [baseUrl] [outDir]
// It signs in as the demo business manager of SCCTD, then as the demo admin for the admin pages,
// then as the two demo BCP coordinators for the plan pages.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../server/browser/chromium';
import type { Page } from 'puppeteer-core';
import { signInAsDemoUser } from './support/demo-sign-in';

async function main(): Promise<void> {
  const base = process.argv[2] ?? 'http://localhost:3000';
  const outDir = process.argv[3] ?? 'screenshots';
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const shoot = async (name: string, url: string) => {
      const response = await page.goto(new URL(url, base).toString(), { waitUntil: 'load' });
      const file = path.join(outDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${response?.status() ?? '?'} ${url} → ${file}`);
    };
    await shoot('00-sign-in', '/sign-in');
    await page.type('#email', 'someone@example.gov.uk');
    await page.type('#password', 'a wrong password');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    await page.screenshot({ path: path.join(outDir, '00-sign-in-refused.png'), fullPage: true });
    await signInAsDemoUser(page, base, 'gareth-pryce');
    await shoot('01-home', '/');
    const firstDivision = await page.$eval('a[href^="/nodes/"][href*="scope=all"]:not([href^="/nodes/1?"]):not([href*="/plans"])', (a) => a.getAttribute('href'));
    await shoot('03-register-own', (firstDivision ?? '/nodes/2').split('?')[0] ?? '/nodes/2');
    await shoot('02-register-overarching', firstDivision ?? '/nodes/2?scope=all');
    const cell = await page.$$eval('.bw-heatmap td a', (links) => links.map((a) => [Number(a.textContent?.trim()), a.getAttribute('href')] as const).find(([count]) => count > 0)?.[1]);
    if (cell) await shoot('04-register-cell', cell);
    const riskHref = await page.$eval('a[href^="/risks/"]', (a) => a.getAttribute('href'));
    await shoot('05-risk', riskHref ?? '/risks/1');
    await shoot('06-risk-edit', `${riskHref}/edit`);
    await shoot('07-review-form', `${riskHref}/reviews/new`);
    await shoot('08-action-form', `${riskHref}/actions/new`);
    // A bad submission as a user would make it: the review form with the commentary left empty.
    await page.goto(new URL(`${riskHref}/reviews/new`, base).toString());
    await page.$eval('#commentary', (el) => ((el as HTMLTextAreaElement).value = ''));
    await page.$eval('#further_action', (el) => ((el as HTMLTextAreaElement).value = 'Typed before the mistake'));
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    await page.screenshot({ path: path.join(outDir, '09-review-form-error.png'), fullPage: true });
    console.log(`submitted an empty review → ${path.join(outDir, '09-review-form-error.png')}`);
    // Two people editing the same risk: the second save meets the conflict page.
    const other = await browser.newPage();
    await other.setViewport({ width: 1280, height: 900 });
    await page.goto(new URL(`${riskHref}/edit`, base).toString());
    await other.goto(new URL(`${riskHref}/edit`, base).toString());
    await other.$eval('#title', (el) => ((el as HTMLInputElement).value += ' (renamed by someone else)'));
    await other.bringToFront();
    await Promise.all([other.waitForNavigation(), other.click('main button[type="submit"]')]);
    await page.bringToFront();
    await page.$eval('#cause', (el) => ((el as HTMLTextAreaElement).value += ' Added by me.'));
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    await page.screenshot({ path: path.join(outDir, '10-conflict.png'), fullPage: true });
    console.log(`saved a stale edit → ${path.join(outDir, '10-conflict.png')}`);
    // The History tab after those saves: the rename in words, by whoever made it.
    await shoot('13-risk-history', `${riskHref}/history`);
    await shoot('12-not-found', '/risks/999999');
    await shoot('14-forbidden', '/admin/users');
    await page.emulateMediaType('print');
    await shoot('11-risk-print', riskHref ?? '/risks/1');
    await page.emulateMediaType('screen');
    // A separate context: its own cookies, so its own session.
    const admin = await (await browser.createBrowserContext()).newPage();
    await admin.setViewport({ width: 1280, height: 900 });
    await signInAsDemoUser(admin, base, 'craig-atkinson');
    const adminPages: [string, string][] = [['20-users', '/admin/users'], ['21-user-new', '/admin/users/new']];
    for (const [name, url] of adminPages) {
      await admin.goto(new URL(url, base).toString());
      await admin.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
    }
    await admin.goto(new URL('/admin/users', base).toString());
    const userHref = await admin.$eval('a[href^="/admin/users/"]:not([href$="/new"])', (a) => a.getAttribute('href'));
    await admin.goto(new URL(userHref ?? '/admin/users/1', base).toString());
    await admin.screenshot({ path: path.join(outDir, '22-user.png'), fullPage: true });
    const adminShoot = async (name: string, url: string) => {
      const response = await admin.goto(new URL(url, base).toString(), { waitUntil: 'load' });
      await admin.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
      console.log(`${response?.status() ?? '?'} ${url} → ${path.join(outDir, `${name}.png`)}`);
    };
    await adminShoot('23-admin', '/admin');
    await adminShoot('24-admin-tree', '/admin/nodes');
    const unitId = await admin.$eval('a[href$="/move"]', (a) => a.getAttribute('href')?.split('/')[3]);
    await adminShoot('25-admin-node-add', '/admin/nodes/new');
    await adminShoot('26-admin-node-move', `/admin/nodes/${unitId}/move`);
    await adminShoot('27-admin-node-retire', `/admin/nodes/${unitId}/retire`);
    await adminShoot('28-admin-sites', '/admin/sites');
    await adminShoot('29-admin-site-form', '/admin/sites/1/edit');
    await adminShoot('30-admin-categories', '/admin/categories');
    await adminShoot('31-admin-category-form', '/admin/categories/1/edit');
    await adminShoot('32-admin-objectives', '/admin/objectives');
    await adminShoot('33-admin-matrix', '/admin/matrix');
    await adminShoot('34-admin-settings', '/admin/settings');
    // A matrix mistake as an admin would make it: unreadable text on a level, a cell lower than its neighbour.
    await admin.goto(new URL('/admin/matrix', base).toString());
    await admin.$eval('#level_2_text_colour', (el) => ((el as HTMLInputElement).value = '#ffffff'));
    await admin.select('#cell_5_5', '1');
    await Promise.all([admin.waitForNavigation(), admin.click('main button[type="submit"]')]);
    await admin.screenshot({ path: path.join(outDir, '35-admin-matrix-error.png'), fullPage: true });
    console.log(`submitted a bad matrix → ${path.join(outDir, '35-admin-matrix-error.png')}`);
    // Business continuity plans, as the demo coordinators: SCCTD's, then IJOCD's (with a draft missing sections).
    const coordinator = async (personKey: string) => {
      const p = await (await browser.createBrowserContext()).newPage();
      await p.setViewport({ width: 1280, height: 900 });
      await signInAsDemoUser(p, base, personKey);
      return p;
    };
    const shootOn = async (p: Page, name: string, url: string) => {
      const response = await p.goto(new URL(url, base).toString(), { waitUntil: 'load' });
      await p.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
      console.log(`${response?.status() ?? '?'} ${url} → ${path.join(outDir, `${name}.png`)}`);
    };
    const planLinks = async (p: Page) => {
      const links = await p.$$eval('a[href^="/plans/"]', (as) => as.map((a) => [a.textContent?.trim() ?? '', a.getAttribute('href') ?? ''] as const));
      return (ref: string) => links.find(([text]) => text === ref)?.[1] ?? '/plans/1';
    };
    const hannah = await coordinator('hannah-sowerby');
    await shootOn(hannah, '40-plans', '/nodes/2/plans?scope=all');
    const scctdPlan = await planLinks(hannah);
    const ct = scctdPlan('BCP-SCCTD-CT-LON');
    await shootOn(hannah, '41-plan-approved', ct);
    await shootOn(hannah, '43-plan-old-version', `${scctdPlan('BCP-SCCTD')}/versions/1`);
    await shootOn(hannah, '44-section-cascade', `${ct}/sections/contacts/edit`);
    await shootOn(hannah, '45-section-cards', `${scctdPlan('BCP-SCCTD-SC-LON')}/sections/recovery/edit`);
    await shootOn(hannah, '47-plan-new', '/nodes/2/plans/new');
    const stephen = await coordinator('stephen-mulligan');
    await shootOn(stephen, '40-plans-ijocd', '/nodes/7/plans?scope=all');
    const ijocdPlan = await planLinks(stephen);
    await shootOn(stephen, '42-plan-draft-missing', ijocdPlan('BCP-IJOCD-INT-LON'));
    await shootOn(stephen, '46-approve-blocked', `${ijocdPlan('BCP-IJOCD-INT-LON')}/approve`);
    // A malformed line as a user would type it: an RTO in words.
    await stephen.goto(new URL(`${ijocdPlan('BCP-IJOCD-EXT-LON')}/sections/criticalActivities/edit`, base).toString());
    await stephen.$eval('#rto_1', (el) => ((el as HTMLInputElement).value = 'two hours'));
    await Promise.all([stephen.waitForNavigation(), stephen.click('main button[type="submit"]')]);
    await stephen.screenshot({ path: path.join(outDir, '48-section-error.png'), fullPage: true });
    console.log(`typed an RTO in words → ${path.join(outDir, '48-section-error.png')}`);
    // Two tabs editing the same section of a draft: the second save meets the conflict page.
    const section = new URL(`${ijocdPlan('BCP-IJOCD-EXT-LON')}/sections/responseTeam/edit`, base).toString();
    const secondTab = await stephen.browserContext().newPage();
    await secondTab.setViewport({ width: 1280, height: 900 });
    await stephen.goto(section);
    await secondTab.goto(section);
    await secondTab.$eval('#primary_3', (el) => ((el as HTMLInputElement).value = 'Someone else'));
    await secondTab.bringToFront();
    await Promise.all([secondTab.waitForNavigation(), secondTab.click('main button[type="submit"]')]);
    await stephen.bringToFront();
    await stephen.$eval('#alternate_3', (el) => ((el as HTMLInputElement).value = 'Me'));
    await Promise.all([stephen.waitForNavigation(), stephen.click('main button[type="submit"]')]);
    await stephen.screenshot({ path: path.join(outDir, '49-section-conflict.png'), fullPage: true });
    console.log(`saved a stale section → ${path.join(outDir, '49-section-conflict.png')}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
