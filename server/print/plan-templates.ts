// The Handlebars templates of printed plans (`templates/plan/`), compiled once, and the page
// setup they print with. Everything is inlined: the CSS from `templates/plan.css`, no fonts
// or images from anywhere, so the printing browser never needs the network.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { PDFOptions } from 'puppeteer-core';
import { ROOT_DIR } from '../config';
import { helpers } from '../views/helpers';
import type { PlanPackDocument, PlanPrintDocument } from './plan-document';

const TEMPLATES_DIR = path.join(ROOT_DIR, 'templates');

/** The language every printed document is written in, as its HTML's lang says. */
export const PRINT_LANGUAGE = 'en-GB';

/** What the header and footer of every page say. */
export interface PageFrame {
  planRef: string;
  title: string;
  versionLabel: string;
  draft: boolean;
  marking: string;
}

/** One line of a pack's contents: a plan and where it starts in the joined PDF. */
export interface PackContentsEntry {
  planRef: string;
  title: string;
  scope: string;
  versionLabel: string;
  draft: boolean;
  pages: number;
  startsOn: number;
}

export interface PlanTemplates {
  planHtml(doc: PlanPrintDocument): string;
  packContentsHtml(pack: PlanPackDocument, entries: PackContentsEntry[]): string;
  pdfOptions(frame: PageFrame): PDFOptions;
}

export function planFrame(doc: PlanPrintDocument): PageFrame {
  const { planRef, title, versionLabel, draft, protectiveMarking } = doc.header;
  return { planRef, title, versionLabel, draft, marking: protectiveMarking };
}

export function packFrame(pack: PlanPackDocument): PageFrame {
  return { planRef: 'Contents', title: `${pack.title}: ${pack.scope}`, versionLabel: `Printed ${pack.printedOn}`, draft: false, marking: pack.protectiveMarking };
}

function readPartials(engine: typeof Handlebars, dir: string): void {
  for (const file of fs.readdirSync(dir)) {
    if (file.endsWith('.hbs')) engine.registerPartial(path.basename(file, '.hbs'), fs.readFileSync(path.join(dir, file), 'utf8'));
  }
}

/** Reads and compiles the templates; call once and keep the result. */
export function loadPlanTemplates(dir = TEMPLATES_DIR): PlanTemplates {
  const engine = Handlebars.create();
  engine.registerHelper(helpers);
  readPartials(engine, path.join(dir, 'plan/partials'));
  // Blocks are partials named by their kind, so a section prints each with {{> (lookup . "kind")}}.
  readPartials(engine, path.join(dir, 'plan/blocks'));
  const compile = (file: string) => engine.compile(fs.readFileSync(path.join(dir, file), 'utf8'), { strict: false, preventIndent: true });
  const css = fs.readFileSync(path.join(dir, 'plan.css'), 'utf8');
  const documentTemplate = compile('plan/document.hbs');
  const packTemplate = compile('plan/pack-contents.hbs');
  const headerTemplate = compile('plan/header.hbs');
  const footerTemplate = compile('plan/footer.hbs');
  return {
    planHtml: (doc) => documentTemplate({ ...doc, css }),
    packContentsHtml: (pack, entries) => packTemplate({ ...pack, plans: entries, css }),
    pdfOptions: (frame) => ({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(frame),
      footerTemplate: footerTemplate(frame),
      margin: { top: '24mm', bottom: '22mm', left: '18mm', right: '18mm' },
      // Tagged (headings, tables with header cells, lists, language) with a bookmark per heading,
      // so a screen reader can read it and anyone can move about it; docs/accessibility.md gives the cost.
      tagged: true,
      outline: true,
    }),
  };
}
