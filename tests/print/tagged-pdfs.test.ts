import type { PlanPrinter } from '../../server/print/plan-printer';
import { divisionPack, samplePlan, SECTION_TITLES } from '../support/plan-documents';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { bookmarksOf, pdfInfo, printedTextOf, structureListingOf, structureOf, type Bookmark } from '../support/pdf-structure';
import { pageWith, pdfPages } from '../support/pdf-text';
import { testPrinter } from '../support/test-printer';

// Printed plans and packs read by a screen reader and moved about by bookmarks (issue 16, point 7):
// poppler reads them back, so what is checked is what a reader finds in the file.

let printer: PlanPrinter;

beforeAll(() => {
  printer = testPrinter();
});

afterAll(async () => {
  await printer.close();
});

const types = (pdf: Uint8Array) => structureOf(pdf).map((element) => element.type);
const flatten = (bookmarks: Bookmark[]): Bookmark[] => bookmarks.flatMap((bookmark) => [bookmark, ...flatten(bookmark.children)]);
const inOneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('one plan, printed tagged', () => {
  let pdf: Uint8Array;

  beforeAll(async () => {
    pdf = await printer.plan(samplePlan());
  });

  it('is tagged, in British English, with headings, tables with header cells and lists', () => {
    expect(pdfInfo(pdf).Tagged).toBe('yes');
    // The catalog is written without object streams, so its language is plain in the file.
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Lang (en-GB)');
    const found = types(pdf);
    expect(found[0]).toBe('Document');
    expect(found.filter((type) => type === 'H1')).toHaveLength(1);
    expect(found.filter((type) => type === 'H2').length).toBeGreaterThanOrEqual(SECTION_TITLES.length);
    for (const type of ['Table', 'TR', 'TH', 'TD', 'L', 'LI']) expect({ type, found: found.includes(type) }).toEqual({ type, found: true });
  });

  it('has a bookmark for every section, each opening the page the section starts on', () => {
    const pages = pdfPages(pdf);
    const bookmarks = flatten(bookmarksOf(pdf));
    SECTION_TITLES.forEach((title, index) => {
      const heading = `${index + 1}. ${title}`;
      const bookmark = bookmarks.find((candidate) => inOneLine(candidate.title) === heading);
      // The section's own page, not the contents page that lists it.
      const contents = pageWith(pages, 'Contents');
      const startsOn = pages.findIndex((text, page) => page > contents && inOneLine(text).includes(heading)) + 1;
      expect({ heading, page: bookmark?.page }).toEqual({ heading, page: startsOn });
    });
  });

  it('prints body text at 10 pt or more and nothing smaller than 9 pt', () => {
    const printed = printedTextOf(pdf);
    expect(Math.min(...printed.map((text) => text.size))).toBeGreaterThanOrEqual(9);
    const body = printed.find((text) => text.text.startsWith('This plan sets out how'));
    expect(body?.size).toBeGreaterThanOrEqual(10);
  });
});

describe('a draft', () => {
  it('carries its DRAFT watermark as a drawing, so the text layer holds no stray letters of it', async () => {
    const draft = samplePlan({ draft: true, version: 2 });
    const draftPages = pdfPages(await printer.plan(draft));
    draftPages.forEach((text, index) => {
      // The word is in the header and footer of every page and in the cover's warning; never on its own.
      const marks = text.split('\n').filter((line) => /DRAFT/.test(line));
      expect({ page: index + 1, marks: marks.every((line) => /DRAFT( ·|:)/.test(line)) }).toEqual({ page: index + 1, marks: true });
      const strays = text.split('\n').filter((line) => /^\s*[DRAFT]{1,5}\s*$/.test(line));
      expect({ page: index + 1, strays }).toEqual({ page: index + 1, strays: [] });
    });
    // The approved print of the same plan has the same words on its sections' pages, apart from the header and footer.
    const approvedPages = pdfPages(await printer.plan(samplePlan({ version: 2 })));
    const words = (text: string) => text.split('\n').filter((line) => !/DRAFT|Version 2|Page \d+ of|OFFICIAL|Guidance/.test(line)).join(' ').split(/\s+/).filter(Boolean);
    const section = pageWith(draftPages, '3. Response team');
    expect(words(draftPages[section] ?? '').filter((word) => !words(approvedPages.join('\n')).includes(word))).toEqual([]);
  });
});

describe('a pack of plans, joined', () => {
  const pack = divisionPack(5);
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    pdf = await printer.pack(pack);
    pages = pdfPages(pdf);
  }, 120_000);

  it('keeps every plan tagged, each as a part of one document, with no element ID twice', async () => {
    expect(pdfInfo(pdf).Tagged).toBe('yes');
    // The joined catalog is compressed in an object stream, so its language is read by pdf-lib.
    expect((await PDFDocument.load(pdf)).catalog.lookup(PDFName.of('Lang'))).toEqual(PDFString.of('en-GB'));
    const elements = structureOf(pdf);
    expect(elements.filter((element) => element.depth === 0).map((element) => element.type)).toEqual(['Document']);
    // The contents, then each plan.
    expect(elements.filter((element) => element.depth === 1).map((element) => element.type)).toEqual(Array(pack.plans.length + 1).fill('Part'));
    expect(elements.filter((element) => element.type === 'H1')).toHaveLength(pack.plans.length + 1);
    const ids = elements.flatMap((element) => (element.id ? [element.id] : []));
    expect(ids.length).toBeGreaterThan(pack.plans.length);
    expect(new Set(ids).size).toBe(ids.length);
    // The table cells still name their header cells, by the renamed IDs.
    const headers = structureListingOf(pdf).match(/\/Headers \[[^\]]*\]/g) ?? [];
    expect(headers.length).toBeGreaterThan(0);
    const known = new Set(ids);
    const named = headers.flatMap((cell) => (cell.match(/\(([^)]*)\)/g) ?? []).map((id) => id.slice(1, -1)));
    expect(named.filter((id) => !known.has(id))).toEqual([]);
  });

  it('has a bookmark for the contents and one for each plan at its first page, holding the plan\'s sections', () => {
    const bookmarks = bookmarksOf(pdf);
    expect(bookmarks.map((bookmark) => inOneLine(bookmark.title))).toEqual([pack.title, ...pack.plans.map((plan) => plan.header.title)]);
    expect(bookmarks[0]?.page).toBe(1);
    pack.plans.forEach((plan, index) => {
      const bookmark = bookmarks[index + 1]!;
      const first = pages[bookmark.page - 1] ?? '';
      expect({ plan: plan.header.planRef, first: first.includes(plan.header.planRef) && /Page 1 of \d+/.test(first) }).toEqual({ plan: plan.header.planRef, first: true });
      const sections = flatten(bookmark.children).map((child) => inOneLine(child.title));
      expect(sections).toContain(`1. ${SECTION_TITLES[0]}`);
      expect(sections).toContain(`11. ${SECTION_TITLES[10]}`);
      // Every one of the plan's bookmarks opens a page of that plan.
      const next = bookmarks[index + 2]?.page ?? pages.length + 1;
      for (const child of flatten(bookmark.children)) expect(child.page >= bookmark.page && child.page < next).toBe(true);
    });
  });
});
