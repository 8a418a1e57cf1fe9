// Times the plan printer with a warm browser against the floor: the same HTML and page setup
// printed by a bare Puppeteer page.pdf loop in one long-lived page, with no isolation, pooling
// or joining. Also times the choices the printer did not take (a fresh context or page per
// render, an untagged PDF joined without its structure), so the README's figures can be checked
// on any machine, and the cost of tagging (time and bytes) is measured, not guessed.
// Usage: npm run bench:pdf [-- planRuns packRuns]   (default 30 and 10)
import os from 'node:os';
import puppeteer, { type Browser, type PDFOptions } from 'puppeteer-core';
import { PDFDocument } from 'pdf-lib';
import { chromiumLaunchOptions } from '../server/browser/chromium';
import { createPlanPrinter } from '../server/print/plan-printer';
import { loadPlanTemplates, packFrame, planFrame, type PackContentsEntry } from '../server/print/plan-templates';
import { divisionPack, samplePlan } from '../tests/support/plan-documents';

const PLAN_RUNS = Number(process.argv[2] ?? 30);
const PACK_RUNS = Number(process.argv[3] ?? 10);
const VARIANT_RUNS = 10;

interface Stats { median: number; p95: number }

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function show(label: string, s: Stats): string {
  return `${label}: median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`;
}

interface Job { html: string; options: PDFOptions }

/** The floor: one long-lived page printing each job in turn. */
async function bareLoop(browser: Browser) {
  const page = await browser.newPage();
  return async (jobs: Job[]) => {
    for (const job of jobs) {
      await page.setContent(job.html, { waitUntil: 'load' });
      await page.pdf(job.options);
    }
  };
}

async function main(): Promise<void> {
  const templates = loadPlanTemplates();
  const plan = samplePlan();
  const pack = divisionPack(20);
  const planJob: Job = { html: templates.planHtml(plan), options: templates.pdfOptions(planFrame(plan)) };

  const printer = createPlanPrinter({ templates });
  const bare = await puppeteer.launch(chromiumLaunchOptions);
  try {
    const floor = await bareLoop(bare);
    // The floor prints what the pack prints: its contents page (with the real page counts) and every plan.
    let startsOn = 2;
    const entries: PackContentsEntry[] = [];
    for (const doc of pack.plans) {
      const pages = (await PDFDocument.load(await printer.plan(doc))).getPageCount();
      entries.push({ ...planFrame(doc), scope: doc.header.scope, pages, startsOn });
      startsOn += pages;
    }
    const packJobs: Job[] = [
      { html: templates.packContentsHtml(pack, entries), options: templates.pdfOptions(packFrame(pack)) },
      ...pack.plans.map((doc) => ({ html: templates.planHtml(doc), options: templates.pdfOptions(planFrame(doc)) })),
    ];
    const planPages = (await PDFDocument.load(await printer.plan(plan))).getPageCount();
    const packPages = (await PDFDocument.load(await printer.pack(pack))).getPageCount();

    // Warm both, then alternate them so drift on a busy machine falls on both alike.
    for (let n = 0; n < 3; n++) {
      await printer.plan(plan);
      await floor([planJob]);
    }
    const planSamples: number[] = [];
    const planFloor: number[] = [];
    for (let n = 0; n < PLAN_RUNS; n++) {
      planSamples.push(await timed(() => printer.plan(plan)));
      planFloor.push(await timed(() => floor([planJob])));
    }
    const packSamples: number[] = [];
    const packFloor: number[] = [];
    for (let n = 0; n < PACK_RUNS; n++) {
      packSamples.push(await timed(() => printer.pack(pack)));
      packFloor.push(await timed(() => floor(packJobs)));
    }

    // The roads not taken, for the README: first, what tagging costs. Untagged, as printed before issue 16.
    const untagged = (job: Job): Job => ({ ...job, options: { ...job.options, tagged: false, outline: false } });
    const untaggedSamples: number[] = [];
    const taggedSamples: number[] = [];
    for (let n = 0; n < VARIANT_RUNS; n++) {
      untaggedSamples.push(await timed(() => floor([untagged(planJob)])));
      taggedSamples.push(await timed(() => floor([planJob])));
    }
    const untaggedPage = await bare.newPage();
    const printUntagged = async (job: Job) => {
      await untaggedPage.setContent(job.html, { waitUntil: 'load' });
      return untaggedPage.pdf(untagged(job).options);
    };
    const planBytes = { tagged: (await printer.plan(plan)).length, untagged: (await printUntagged(planJob)).length };
    // The pack as it was joined before: pages copied, structure and bookmarks dropped.
    const untaggedPack = async () => {
      const joined = await PDFDocument.create();
      for (const job of packJobs) {
        const part = await PDFDocument.load(await printUntagged(job));
        for (const page of await joined.copyPages(part, part.getPageIndices())) joined.addPage(page);
      }
      return joined.save({ useObjectStreams: false });
    };
    const packBytes = { tagged: (await printer.pack(pack)).length, untagged: (await untaggedPack()).length };
    const untaggedPackSamples: number[] = [];
    for (let n = 0; n < Math.min(PACK_RUNS, 5); n++) untaggedPackSamples.push(await timed(untaggedPack));
    const freshPage: number[] = [];
    const freshContext: number[] = [];
    for (let n = 0; n < VARIANT_RUNS; n++) {
      freshPage.push(await timed(async () => {
        const page = await bare.newPage();
        try {
          await page.setJavaScriptEnabled(false);
          await page.setContent(planJob.html, { waitUntil: 'load' });
          await page.pdf(planJob.options);
        } finally {
          await page.close();
        }
      }));
      freshContext.push(await timed(async () => {
        const context = await bare.createBrowserContext();
        try {
          const page = await context.newPage();
          await page.setJavaScriptEnabled(false);
          await page.setContent(planJob.html, { waitUntil: 'load' });
          await page.pdf(planJob.options);
        } finally {
          await context.close();
        }
      }));
    }

    const planStats = stats(planSamples);
    const planFloorStats = stats(planFloor);
    const packStats = stats(packSamples);
    const packFloorStats = stats(packFloor);
    console.log(`one plan (${planPages} pages, warm browser, ${PLAN_RUNS} runs)`);
    console.log(`  ${show('printer.plan', planStats)}`);
    console.log(`  ${show('floor, bare page.pdf', planFloorStats)}`);
    console.log(`  ratio ${(planStats.median / planFloorStats.median).toFixed(2)} (aim: under 300 ms)`);
    console.log(`pack of ${pack.plans.length} plans (${packPages} pages, ${PACK_RUNS} runs)`);
    console.log(`  ${show('printer.pack', packStats)}`);
    console.log(`  ${show(`floor, bare page.pdf loop over the same ${packJobs.length} documents`, packFloorStats)}`);
    console.log(`  ratio ${(packStats.median / packFloorStats.median).toFixed(2)} (aim: within 1.3)`);
    const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
    console.log(`tagging (structure tree and bookmarks), bare page.pdf, ${VARIANT_RUNS} runs each`);
    console.log(`  ${show('one plan tagged', stats(taggedSamples))}, ${kib(planBytes.tagged)}`);
    console.log(`  ${show('one plan untagged', stats(untaggedSamples))}, ${kib(planBytes.untagged)}`);
    console.log(`  pack tagged and joined with its structure: median ${packStats.median.toFixed(0)} ms (above), ${kib(packBytes.tagged)}`);
    console.log(`  ${show('pack untagged, one page in turn, joined by copying pages', stats(untaggedPackSamples))}, ${kib(packBytes.untagged)}`);
    console.log(`one plan, other ways (${VARIANT_RUNS} runs each)`);
    console.log(`  ${show('fresh page per render', stats(freshPage))}`);
    console.log(`  ${show('fresh incognito context per render', stats(freshContext))}`);
    // Other work on the machine moves every figure; the load average says how busy it was.
    console.log(`${os.cpus().length} cores, ${await bare.version()}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  } finally {
    await printer.close();
    await bare.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
