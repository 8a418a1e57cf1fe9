import { isRunning } from '../../server/browser/processes';
import { SharedBrowser } from '../../server/browser/shared-browser';
import { createPlanPrinter, PrintError } from '../../server/print/plan-printer';
import { samplePlan } from '../support/plan-documents';
import { pdfPages } from '../support/pdf-text';
import { knownProcess, signalIfStillRuns, waitFor, type KnownProcess } from '../support/processes';

// A Chromium that stops answering without crashing (here: SIGSTOP) once held a PDF request for
// 200 s and every later one as long, because the browser still counted as connected.

describe('a printer whose Chromium stops answering', () => {
  const browser = new SharedBrowser();
  const printer = createPlanPrinter({ browser });
  const stopped: KnownProcess[] = [];

  afterAll(async () => {
    await printer.close();
    await browser.close();
    // Whatever the test stopped and the printer did not kill goes now, found by pid and start time.
    for (const known of stopped) {
      signalIfStillRuns(known, 'SIGKILL');
      signalIfStillRuns(known, 'SIGCONT');
    }
  });

  it('answers with print_timeout within 25 s, kills that Chromium, and prints the next plan with a new one', async () => {
    await printer.plan(samplePlan());
    const pid = (await browser.browser()).process()?.pid;
    if (pid === undefined) throw new Error('The printer has no Chromium process.');
    stopped.push(knownProcess(pid));
    process.kill(pid, 'SIGSTOP');

    const started = Date.now();
    const failure = await printer.plan(samplePlan()).catch((error: unknown) => error);
    const answeredAfter = Date.now() - started;

    expect(failure).toBeInstanceOf(PrintError);
    expect(failure).toMatchObject({ status: 503, code: 'print_timeout' });
    expect(answeredAfter).toBeLessThan(25_000);
    expect(await waitFor(() => !isRunning(pid), 5_000)).not.toBeNull();
    const pages = pdfPages(await printer.plan(samplePlan()));
    expect(pages[0]).toContain('BCP-SCCTD-CTD-LON');
    expect((await browser.browser()).process()?.pid).not.toBe(pid);
  }, 60_000);
});
