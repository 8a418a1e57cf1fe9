// Prints business continuity plans to PDF: one plan, or a pack of every plan below a node.
// Usage from a route:  const pdf = await printer.plan(doc); res.type('pdf').send(pdf);
// A failure throws PrintError, an AppError, so the error middleware shows a clear page.
// pdf-lib is loaded on the first pack, not at start: most runs of the server never join PDFs.
// A pack keeps its plans' tags and bookmarks: server/print/join-tagged-pdfs.ts.
import type { PDFDocument } from 'pdf-lib';
import { AppError } from '../errors';
import { RenderError, SharedBrowser } from '../browser/shared-browser';
import type { PlanPackDocument, PlanPrintDocument } from './plan-document';
import type { PrintableRegisterPack } from './register-printer';
import { createRegisterPackPrinter } from './register-printer';
import { loadPlanTemplates, packFrame, planFrame, PRINT_LANGUAGE, type PackContentsEntry, type PlanTemplates } from './plan-templates';

export type PrintFailure = 'timeout' | 'browser' | 'closed' | 'template';

const MESSAGES: Record<PrintFailure, string> = {
  timeout: 'The plan took too long to print and was stopped. Nothing has been changed: try again in a minute.',
  browser: 'The printing service stopped while printing the plan. Nothing has been changed: try again in a minute.',
  closed: 'Printing is not available while the service is shutting down. Try again in a minute.',
  template: 'The plan could not be laid out for printing. Nothing has been changed; please tell the system administrator which plan it was.',
};

/** A plan that could not be printed; `reason` says why, the message is fit to show a user. */
export class PrintError extends AppError {
  constructor(readonly reason: PrintFailure, cause?: unknown) {
    super(reason === 'template' ? 500 : 503, `print_${reason}`, MESSAGES[reason]);
    this.name = 'PrintError';
    this.cause = cause;
  }
}

export interface PlanPrinter {
  plan(doc: PlanPrintDocument): Promise<Buffer>;
  pack(pack: PlanPackDocument): Promise<Buffer>;
  /** The register pack for the Audit and Risk Committee (server/print/register-printer.ts), with the same browser. */
  registerPack(pack: PrintableRegisterPack): Promise<Buffer>;
  close(): Promise<void>;
}

export interface PlanPrinterOptions {
  /** A browser to share; by default the printer starts its own and closes it in close(). */
  browser?: SharedBrowser;
  /** Where the printer's own browser keeps its files; see SharedBrowserOptions.dir. */
  browserDir?: string;
  templates?: PlanTemplates;
}

function toPrintError(error: unknown): PrintError {
  if (error instanceof PrintError) return error;
  if (error instanceof RenderError) return new PrintError(error.reason, error);
  return new PrintError('template', error);
}

export function createPlanPrinter(options: PlanPrinterOptions = {}): PlanPrinter {
  const browser = options.browser ?? new SharedBrowser({ dir: options.browserDir });
  // Read and compiled on the first print, so starting the server does not wait for them.
  let loaded = options.templates;
  const templates = { get: () => (loaded ??= loadPlanTemplates()) };
  const registerPrinter = createRegisterPackPrinter(browser);
  let registerPacks: Promise<unknown> = Promise.resolve();

  async function printPlan(doc: PlanPrintDocument): Promise<Uint8Array> {
    const html = templates.get().planHtml(doc);
    return browser.pdf(html, templates.get().pdfOptions(planFrame(doc)));
  }

  async function printContents(pack: PlanPackDocument, planPages: number[], contentsPages: number): Promise<PDFDocument> {
    let startsOn = contentsPages + 1;
    const entries: PackContentsEntry[] = pack.plans.map((doc, index) => {
      const pages = planPages[index] ?? 0;
      const entry = { ...planFrame(doc), scope: doc.header.scope, pages, startsOn };
      startsOn += pages;
      return entry;
    });
    const pdf = await browser.pdf(templates.get().packContentsHtml(pack, entries), templates.get().pdfOptions(packFrame(pack)));
    const { PDFDocument: Pdf } = await import('pdf-lib');
    return Pdf.load(pdf, { updateMetadata: false });
  }

  return {
    async plan(doc) {
      try {
        return Buffer.from(await printPlan(doc));
      } catch (error) {
        throw toPrintError(error);
      }
    },

    async pack(pack) {
      try {
        // Each plan is printed on its own so every page's header and "Page x of y" are its plan's;
        // the shared browser runs as many at once as it allows. Each is copied into the pack as
        // soon as it and the plans before it are printed, then dropped.
        const { PDFDocument: Pdf } = await import('pdf-lib');
        const { TaggedPdfJoiner } = await import('./join-tagged-pdfs');
        const printing = pack.plans.map((doc) => printPlan(doc));
        // Should one fail, the others' failures must not go unhandled and stop the app.
        for (const pdf of printing) pdf.catch(() => undefined);
        const joiner = await TaggedPdfJoiner.start({ title: `${pack.title}: ${pack.scope}`, lang: PRINT_LANGUAGE });
        const planPages: number[] = [];
        for (const pdf of printing) {
          const plan = await Pdf.load(await pdf, { updateMetadata: false });
          planPages.push(plan.getPageCount());
          joiner.append(plan);
        }
        // The contents gives each plan's first page, so it is printed once the plans' lengths are
        // known, then again should it take more than the one page it assumed.
        let contents = await printContents(pack, planPages, 1);
        if (contents.getPageCount() !== 1) contents = await printContents(pack, planPages, contents.getPageCount());
        joiner.prepend(contents);
        // A tagged pack is thousands of small structure elements: in object streams they are
        // compressed, and the file is 60% smaller and quicker to write (4.7 MB and 1.2 s without, 20 plans).
        return Buffer.from(await joiner.finish().save({ useObjectStreams: true }));
      } catch (error) {
        throw toPrintError(error);
      }
    },

    async registerPack(pack) {
      // One register pack at a time: the organisation's (12,000 risks, 1,300 pages) holds about
      // 1 GB while its parts are joined, so two at once could exhaust the server's memory.
      const turn = registerPacks.then(() => registerPrinter.print(pack));
      registerPacks = turn.catch(() => undefined);
      try {
        return Buffer.from(await turn);
      } catch (error) {
        throw toPrintError(error);
      }
    },

    async close() {
      if (!options.browser) await browser.close();
    },
  };
}
