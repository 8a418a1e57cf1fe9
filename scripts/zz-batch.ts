import fs from 'node:fs';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../server/browser/chromium';
async function main() {
  const html = fs.readFileSync('/tmp/pdfx/batch.html', 'utf8');
  const options = JSON.parse(fs.readFileSync('/tmp/pdfx/batch-options.json', 'utf8'));
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  for (const variant of [{ tagged: false, outline: false }, { tagged: true, outline: false }, { tagged: true, outline: true }, { tagged: false, outline: false }, { tagged: true, outline: true }]) {
    await page.setContent(html, { waitUntil: 'load' });
    const t = Date.now();
    const pdf = await page.pdf({ ...options, ...variant });
    console.log(JSON.stringify(variant), Date.now() - t, 'ms', pdf.length);
  }
  await browser.close();
}
void main();
