// Prints the register pack (docs/dashboard-and-pack.md) with the shared browser: each section is
// printed on its own (the full register in batches, landscape), the parts are joined with
// pdf-lib keeping their tags and bookmarks (join-tagged-pdfs.ts, in a process of its own:
// join-worker.ts), the cover and contents are printed last once every section's first page is
// known, and "Page x of y" is then stamped on every page of the whole pack.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { PDFOptions } from 'puppeteer-core';
import { ROOT_DIR } from '../config';
import type { SharedBrowser } from '../browser/shared-browser';
import { helpers } from '../views/helpers';
import { PRINT_LANGUAGE } from './plan-templates';

const TEMPLATES_DIR = path.join(ROOT_DIR, 'templates');

/** Rows of the full register per printed part: a part of 400 rows prints in well under the render limit. */
export const REGISTER_BATCH = 400;

export const PACK_SECTIONS = [
  { key: 'summary', title: 'Summary: counts by level, heat map with movement, trend by quarter' },
  { key: 'cards', title: 'Red and above-appetite risks' },
  { key: 'changes', title: 'This quarter: new, closed, escalated and de-escalated' },
  { key: 'register', title: 'Full register' },
  { key: 'overdue', title: 'Overdue reviews and actions' },
  { key: 'findings', title: 'Quality findings' },
  { key: 'returns', title: 'State of each quarterly return' },
] as const;

/** A pack "as accepted" (?quarter=) starts with the registers left out of it, so nobody reads the figures as the whole organisation's. */
export const ACCEPTED_PACK_SECTIONS = [
  { key: 'notAccepted', title: 'Registers not in this pack: return not accepted' },
  ...PACK_SECTIONS,
] as const;

export type PackSection = { readonly key: string; readonly title: string };

/** What the printer itself reads of a pack; the templates read the rest (live or as accepted). */
export interface PrintableRegisterPack {
  marking: string;
  node: { id: number; name: string };
  quarterLabel: string;
  /** The quarter as the header and footer say it ("2026-27 Q2 as accepted"). */
  frameLabel: string;
  levelColours: { rank: number; colour: string; textColour: string }[];
  registerCount: number;
  sections: readonly PackSection[];
  registerBatch(offset: number, limit: number): Promise<unknown[]>;
}

interface RegisterTemplates {
  part(context: Record<string, unknown>): string;
  header(frame: { marking: string; node: string; quarter: string }): string;
  footer(frame: { marking: string; node: string; quarter: string }): string;
  css: string;
}

function loadTemplates(dir = TEMPLATES_DIR): RegisterTemplates {
  const engine = Handlebars.create();
  engine.registerHelper(helpers);
  for (const sub of ['register/sections', 'register/partials']) {
    for (const file of fs.readdirSync(path.join(dir, sub))) {
      if (file.endsWith('.hbs')) engine.registerPartial(path.basename(file, '.hbs'), fs.readFileSync(path.join(dir, sub, file), 'utf8'));
    }
  }
  const frame = (inner: string) =>
    engine.compile(`<div style="width:100%; box-sizing:border-box; padding:0 14mm; font-family:'Liberation Sans',Arial,sans-serif; font-size:9pt; color:#0b0c0c; -webkit-print-color-adjust:exact; print-color-adjust:exact;">${inner}</div>`);
  return {
    part: engine.compile(fs.readFileSync(path.join(dir, 'register/part.hbs'), 'utf8'), { strict: false, preventIndent: true }),
    header: frame(`<div style="text-align:center; font-weight:bold; font-size:10pt;">{{marking}}</div><div style="border-bottom:0.5pt solid #505a5f; padding-bottom:1.5mm; margin-top:1mm;"><b>Register pack</b> &middot; {{node}} &middot; {{quarter}}</div>`),
    // The right of the footer is left free: "Page x of y" of the whole pack is stamped there after joining.
    footer: frame(`<div style="border-top:0.5pt solid #505a5f; padding-top:1.5mm;">{{node}} &middot; {{quarter}}</div><div style="text-align:center; font-weight:bold; font-size:10pt; margin-top:1mm;">{{marking}}</div>`),
    css: fs.readFileSync(path.join(dir, 'register.css'), 'utf8'),
  };
}

const cssColour = (value: string) => (/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(value) ? value : '#b1b4b6');

export interface RegisterPackPrinter {
  print(pack: PrintableRegisterPack): Promise<Uint8Array>;
}

export function createRegisterPackPrinter(browser: SharedBrowser): RegisterPackPrinter {
  let loaded: RegisterTemplates | undefined;
  const templates = () => (loaded ??= loadTemplates());

  return {
    async print(pack) {
      const t = templates();
      const frame = { marking: pack.marking, node: pack.node.name, quarter: pack.frameLabel };
      const options = (landscape: boolean): PDFOptions => ({
        format: 'A4',
        landscape,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: t.header(frame),
        footerTemplate: t.footer(frame),
        margin: { top: '22mm', bottom: '22mm', left: '14mm', right: '14mm' },
        tagged: true,
        outline: true,
      });
      const levelCss = pack.levelColours.map((l) => `.bw-level-${l.rank}{background-color:${cssColour(l.colour)};color:${cssColour(l.textColour)}}`).join('\n');
      const html = (section: string, extra: Record<string, unknown> = {}) => t.part({ pack, section, css: t.css, levelCss, ...extra });
      const { PDFDocument } = await import('pdf-lib');
      const { JoinProcess } = await import('./join-process');
      const print = (section: string, landscape = false, extra: Record<string, unknown> = {}) => {
        const printing = browser.pdf(html(section, extra), options(landscape));
        // Awaited in reading order: should a later part fail first, its failure must not go unhandled and stop the app.
        printing.catch(() => undefined);
        return printing;
      };

      // Every part is started at once (the shared browser prints as many as it allows), in
      // reading order; the register's batches are read one after another (each an SQL page).
      const printing: { section: number; pdf: Promise<Uint8Array> }[] = [];
      for (const [section, { key }] of pack.sections.entries()) {
        if (key !== 'register') {
          printing.push({ section, pdf: print(key) });
          continue;
        }
        for (let offset = 0; offset === 0 || offset < pack.registerCount; offset += REGISTER_BATCH) {
          const rows = await pack.registerBatch(offset, REGISTER_BATCH);
          printing.push({ section, pdf: print('register', true, { rows, first: offset === 0 }) });
        }
      }

      // Each part is sent to be joined (join-process.ts: in a process of its own) as soon as it
      // and the parts before it are printed, and then dropped here.
      const joining = await JoinProcess.start({ title: `Register pack: ${pack.node.name}, ${pack.frameLabel}`, lang: PRINT_LANGUAGE, nestUnderFirst: true });
      try {
        const sectionPages = pack.sections.map(() => 0);
        for (const part of printing) {
          sectionPages[part.section] = (sectionPages[part.section] ?? 0) + await joining.append(await part.pdf);
        }

        // Cover and contents go in front; printed with the real first page of each section, then again should their own length differ from the guess.
        const printFront = async (frontPages: number) => {
          let startsOn = frontPages + 1;
          const contents = pack.sections.map((s, n) => {
            const entry = { title: s.title, startsOn };
            startsOn += sectionPages[n] ?? 0;
            return entry;
          });
          const pdf = await print('cover', false, { contents });
          return { pdf, pages: (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount() };
        };
        let front = await printFront(2);
        if (front.pages !== 2) front = await printFront(front.pages);
        await joining.prepend(front.pdf);
        // There every page is numbered ("Page x of y", as an artifact) and the pack saved.
        return (await joining.finish()).pdf;
      } finally {
        joining.close();
      }
    },
  };
}
