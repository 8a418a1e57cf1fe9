import { SharedBrowser, type SharedBrowserOptions } from '../../server/browser/shared-browser';
import { createPlanPrinter, type PlanPrinter } from '../../server/print/plan-printer';

/**
 * How long a test lets one render take. Production gives up after 20 s; a suite beside others on
 * a loaded two-core machine can take longer than that to print a page that is fine. Still inside
 * Jest's 60 s a test, so a stuck render fails as a print error. Tests of the limit set their own.
 */
export const TEST_RENDER_LIMIT_MS = 45_000;

export function testBrowser(options: SharedBrowserOptions = {}): SharedBrowser {
  return new SharedBrowser({ timeoutMs: TEST_RENDER_LIMIT_MS, ...options });
}

/** A plan printer with its own testBrowser(); close() closes both. */
export function testPrinter(): PlanPrinter {
  const browser = testBrowser();
  const printer = createPlanPrinter({ browser });
  return {
    plan: (doc) => printer.plan(doc),
    pack: (pack) => printer.pack(pack),
    registerPack: (pack) => printer.registerPack(pack),
    async close() {
      await printer.close();
      await browser.close();
    },
  };
}
