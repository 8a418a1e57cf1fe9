// The data floor and the print floor: what a page's SQL costs on better-sqlite3 with every
// statement prepared once, and what Chromium takes to print the same HTML with a bare page.pdf.
import SqliteDatabase from 'better-sqlite3';
import type { PDFOptions } from 'puppeteer-core';

export interface CapturedStatement {
  sql: string;
  parameters: readonly unknown[];
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Runs a page's read statements, each prepared once, over and over on their own connection:
 * the median time of one page's worth, in ms. Writes (a session touch) are left out.
 */
export function dataFloor(databasePath: string, statements: CapturedStatement[], runs: number, budgetMs = 2000): { ms: number; statements: number; rows: number } {
  const sqlite = new SqliteDatabase(databasePath, { readonly: true, fileMustExist: true });
  try {
    const prepared = statements
      .map((s) => ({ statement: sqlite.prepare(s.sql), parameters: s.parameters as unknown[] }))
      .filter((s) => s.statement.reader);
    let rows = 0;
    for (const s of prepared) rows += s.statement.all(...s.parameters).length;
    const samples: number[] = [];
    // Bounded: at least three runs, then as many as fit in the budget.
    for (let spent = 0, n = 0; n < runs && (n < 3 || spent < budgetMs); n++) {
      const start = process.hrtime.bigint();
      for (const s of prepared) s.statement.all(...s.parameters);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      samples.push(ms);
      spent += ms;
    }
    return { ms: median(samples), statements: prepared.length, rows };
  } finally {
    sqlite.close();
  }
}

export interface PrintJob {
  html: string;
  options: PDFOptions;
}

/** The print floor: one long-lived page printing each job in turn; median ms per set of jobs. */
export async function printFloor(jobSets: PrintJob[][], runs: number): Promise<number[]> {
  const { default: puppeteer } = await import('puppeteer-core');
  const { chromiumLaunchOptions } = await import('../../server/browser/chromium');
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    const print = async (jobs: PrintJob[]) => {
      for (const job of jobs) {
        await page.setContent(job.html, { waitUntil: 'load' });
        await page.pdf(job.options);
      }
    };
    const results: number[] = [];
    for (const jobs of jobSets) {
      await print(jobs);
      const samples: number[] = [];
      for (let n = 0; n < runs; n++) {
        const start = process.hrtime.bigint();
        await print(jobs);
        samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      results.push(median(samples));
    }
    return results;
  } finally {
    await browser.close();
  }
}
