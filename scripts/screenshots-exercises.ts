// Walks the exercise pages of a running Bulwark with demo data, signed in as the demo BCP
// coordinator of the Special Crime and Counter Terrorism Division, and saves full-page PNGs.
// Usage: npx tsx scripts/screenshots-exercises.ts [baseUrl] [outDir]
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { chromiumLaunchOptions } from '../server/browser/chromium';
import { signInAsDemoUser } from './support/demo-sign-in';

async function main(): Promise<void> {
  const base = process.argv[2] ?? 'http://localhost:3000';
  const outDir = process.argv[3] ?? 'screenshots';
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const go = (url: string) => page.goto(new URL(url, base).toString(), { waitUntil: 'load' });
    const save = async (name: string, fullPage = true) => {
      const file = path.join(outDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage });
      console.log(`${page.url()} → ${file}`);
    };
    const shoot = async (name: string, url: string) => {
      await go(url);
      await save(name);
    };
    const submit = (p: Page) => Promise.all([p.waitForNavigation(), p.click('main button[type="submit"]')]);

    await signInAsDemoUser(page, base, 'hannah-sowerby');

    await shoot('60-home', '/');
    const division = await page.$eval('a[href$="/plans/board"]', (a) => a.getAttribute('href'));
    await shoot('61-board', division ?? '/nodes/2/plans/board');
    const plans = await page.$$eval('a[href$="/exercises"]', (links) => links.map((a) => [a.textContent?.trim() ?? '', a.getAttribute('href') ?? ''] as const));
    const exercisesOf = (ref: string) => plans.find(([text]) => text === ref)?.[1] ?? plans[0]?.[1] ?? '/plans/1/exercises';
    await shoot('62-plan-exercises', exercisesOf('BCP-SCCTD'));
    const exercise = await page.$eval('a[href^="/exercises/"]', (a) => a.getAttribute('href'));
    await shoot('63-exercise', exercise ?? '/exercises/1');
    await shoot('64-plan-exercises-missed', exercisesOf('BCP-SCCTD-SC-LON'));
    const missed = await page.$eval('a[href^="/exercises/"]', (a) => a.getAttribute('href'));
    await shoot('65-outcome-form', `${missed}/edit?outcome=1`);
    // A mistake as a user would make it: a result with no date held and a recovery time in words.
    for (const part of ['day', 'month', 'year']) await page.$eval(`#held_on-${part}`, (el) => ((el as HTMLInputElement).value = ''));
    await page.select('#result', 'passed');
    await page.type('#recovery_hours', 'four');
    await page.type('#lessons', 'Typed before the mistake');
    await submit(page);
    await save('66-outcome-form-error');
    await shoot('67-new-exercise-form', `${exercisesOf('BCP-SCCTD-SC-LON').replace('/exercises', '')}/exercises/new?happened=yes`);
    await shoot('68-invocation-form', `${exercisesOf('BCP-SCCTD-SC-LON').replace('/exercises', '')}/invocations/new`);
    await go(exercisesOf('BCP-SCCTD'));
    const finding = await page.$eval('a[href^="/findings/"]', (a) => a.getAttribute('href'));
    await shoot('69-finding-form', finding ?? '/findings/1/edit');
    await shoot('70-plan-exercises-never-tested', exercisesOf('BCP-SCCTD-ARU-LON'));
    const risk = await page.$eval('a[href^="/risks/"]', (a) => a.getAttribute('href'));
    await shoot('71-risk-with-plan', `${risk}#plans`);
    // Linking plans is the risk manager's: the demo business manager, in a context of its own.
    const manager = await (await browser.createBrowserContext()).newPage();
    await manager.setViewport({ width: 1280, height: 900 });
    await signInAsDemoUser(manager, base, 'gareth-pryce');
    await manager.goto(new URL(`${risk}/plans`, base).toString());
    await manager.screenshot({ path: path.join(outDir, '72-risk-plans-form.png'), fullPage: true });
    console.log(`${manager.url()} → ${path.join(outDir, '72-risk-plans-form.png')}`);
    // The plan page is long: its top, where the exercising panel is.
    await go(exercisesOf('BCP-SCCTD-ARU-LON').replace('/exercises', ''));
    await save('73-plan-page', false);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
