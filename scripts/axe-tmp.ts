import fs from 'node:fs';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../server/browser/chromium';
import { signInAsDemoUser } from './support/demo-sign-in';
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function main() {
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  await signInAsDemoUser(page, 'http://localhost:3100', 'gareth-pryce');
  const urls = ['/', '/nodes/2', '/nodes/2?scope=all', '/risks/10', '/risks/10/history', '/risks/10/escalate', '/risks/10/edit', '/risks/10/reviews/new', '/nodes/2/duplicates', '/nodes/2/dashboard', '/nodes/2/returns', '/registers/1/returns', '/nodes/2/plans/board', '/plans/1', '/nodes/2/import', '/accessibility'];
  for (const url of urls) {
    await page.goto('http://localhost:3100' + url);
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return r.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
    });
    console.log(url, result);
  }
  await browser.close();
}
void main();
