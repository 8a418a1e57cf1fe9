import path from 'node:path';
import type { Page } from 'puppeteer-core';

// What every screenshot walk does: full-page PNGs of a page at a desktop and a phone width.

export const SCREENSHOT_WIDTHS = [1280, 320];

/** The page as it is, at each width: `<name>-1280.png` and `<name>-320.png` in `outDir`. */
export async function capturePage(page: Page, outDir: string, name: string): Promise<void> {
  for (const width of SCREENSHOT_WIDTHS) {
    await page.setViewport({ width, height: 900 });
    const file = path.join(outDir, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${page.url()} → ${file}`);
  }
}

/** Opens `url` (relative to `base`) and captures it. */
export async function shootPage(page: Page, base: string, outDir: string, name: string, url: string): Promise<void> {
  await page.goto(new URL(url, base).toString(), { waitUntil: 'load' });
  await capturePage(page, outDir, name);
}
