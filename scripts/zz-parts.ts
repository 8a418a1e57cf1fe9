import fs from 'node:fs';
import { openDatabase } from '../db/connection';
import { systemClock } from '../server/clock';
import { buildRegisterPack } from '../server/presenters/register-pack';
import { registerQuerySchema } from '../server/presenters/register-page';
import { SharedBrowser } from '../server/browser/shared-browser';
import { createRegisterPackPrinter } from '../server/print/register-printer';
async function main() {
  const summary = JSON.parse(fs.readFileSync('/tmp/pdfx/national.sqlite.json', 'utf8'));
  const h = openDatabase('/tmp/pdfx/national.sqlite');
  const pack = await buildRegisterPack(h.db, systemClock, summary.divisionId, registerQuerySchema.parse({}), 'x');
  const browser = new SharedBrowser({});
  const tagged = process.env.ZZ_TAGGED !== '0';
  let chromeMs = 0; let calls = 0; let lastEnd = 0;
  const proxy = new Proxy(browser, { get(target, prop) {
    if (prop === 'pdf') return async (html: string, options: object) => { const t = Date.now(); const r = await target.pdf(html, { ...options, tagged, outline: tagged }); chromeMs += Date.now() - t; calls++; lastEnd = Date.now(); if (process.env.ZZ_EACH) console.log("  print", html.length, Date.now() - t, "ms", r.length); if (html.length > 250000) fs.writeFileSync("/tmp/pdfx/batch.html", html), fs.writeFileSync("/tmp/pdfx/batch-options.json", JSON.stringify(options)); return r; };
    const v = (target as any)[prop]; return typeof v === 'function' ? v.bind(target) : v; } });
  const printer = createRegisterPackPrinter(proxy as SharedBrowser);
  await printer.print(pack); // warm
  for (let i = 0; i < 2; i++) {
    chromeMs = 0; calls = 0;
    const t0 = Date.now(); const c0 = process.cpuUsage();
    const out = await printer.print(pack);
    const c = process.cpuUsage(c0); console.log('node cpu', (c.user + c.system) / 1000, 'ms; after last print', Date.now() - lastEnd, 'ms');
    console.log(`tagged=${tagged} batch=${process.env.ZZ_BATCH ?? 400} total ${Date.now() - t0} ms, summed chromium ${chromeMs} ms over ${calls} prints, ${out.length} bytes`);
  }
  await browser.close();
  await h.close();
}
void main();
