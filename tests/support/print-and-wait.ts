// A stand-in server for tests/print/browser-lifetime.test.ts, run as its own process with tsx:
// prints one plan with a printer whose browser folder is the first argument, says on stdout which
// process it is and which its Chromium is, then waits to be killed.
import { SharedBrowser } from '../../server/browser/shared-browser';
import { createPlanPrinter } from '../../server/print/plan-printer';
import { samplePlan } from './plan-documents';

export interface PrintAndWaitReport {
  /** This process, which the test kills; tsx runs it as a child of the process the test started. */
  serverPid: number;
  browserPid: number;
}

async function main(): Promise<void> {
  const browser = new SharedBrowser({ dir: process.argv[2] });
  await createPlanPrinter({ browser }).plan(samplePlan());
  const browserPid = (await browser.browser()).process()?.pid;
  if (browserPid === undefined) throw new Error('The printer has no Chromium process.');
  const report: PrintAndWaitReport = { serverPid: process.pid, browserPid };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
