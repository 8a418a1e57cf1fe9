import { AppError } from '../../server/errors';
import type { PlanPrintDocument } from '../../server/print/plan-document';
import { PrintError, type PlanPrinter } from '../../server/print/plan-printer';
import { divisionPack, samplePlan, SECTION_TITLES } from '../support/plan-documents';
import { pageWith, pdfPages } from '../support/pdf-text';
import { testPrinter } from '../support/test-printer';

let printer: PlanPrinter;

beforeAll(() => {
  printer = testPrinter();
});

afterAll(async () => {
  await printer.close();
});

function expectEveryPageFramed(pages: string[], planRef: string, versionLabel: string, marking: string): void {
  pages.forEach((text, index) => {
    expect({ page: index + 1, planRef: text.includes(planRef) }).toEqual({ page: index + 1, planRef: true });
    expect({ page: index + 1, version: text.includes(versionLabel) }).toEqual({ page: index + 1, version: true });
    // Once in the header and once in the footer.
    expect({ page: index + 1, markings: text.split(marking).length - 1 >= 2 }).toEqual({ page: index + 1, markings: true });
    expect(text).toContain(`Page ${index + 1} of ${pages.length}`);
  });
}

describe('printing one approved plan', () => {
  let pages: string[];

  beforeAll(async () => {
    pages = pdfPages(await printer.plan(samplePlan()));
  });

  it('prints the cover, document control and contents, then sections 1 to 11 in the standard order', () => {
    expect(pages[0]).toContain('Counter Terrorism Division business continuity plan');
    expect(pages[0]).not.toMatch(/Document control/);
    const control = pageWith(pages, 'Document control');
    const contents = pageWith(pages, 'Contents');
    expect(control).toBe(1);
    expect(contents).toBeGreaterThanOrEqual(control);
    // After the contents page, each section's heading comes after the one before it.
    const body = pages.slice(contents + 1).join('\n');
    const positions = SECTION_TITLES.map((title, index) => body.search(new RegExp(`${index + 1}\\.\\s+${title}`)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('names the plan, its version and its protective marking on every page, with page x of y', () => {
    expectEveryPageFramed(pages, 'BCP-SCCTD-CTD-LON', 'Version 3', 'OFFICIAL-SENSITIVE');
  });

  it('carries no DRAFT mark and leaves out the drafting guidance', () => {
    expect(pages.join('\n')).not.toContain('DRAFT');
    expect(pages.join('\n')).not.toContain('Guidance');
  });

  it('prints action cards with a step per line and a column for the time', () => {
    const text = pages.join('\n');
    expect(text).toContain('Action card: Loss of Rose Court');
    expect(text).toContain('Time and initials');
    expect(text).toMatch(/1\. Confirm with the building manager/);
  });
});

describe('printing a draft', () => {
  it('marks every page DRAFT and says which version it follows', async () => {
    const pages = pdfPages(await printer.plan(samplePlan({ draft: true, version: 2 })));
    pages.forEach((text, index) => {
      expect({ page: index + 1, draft: text.includes('DRAFT') }).toEqual({ page: index + 1, draft: true });
    });
    expectEveryPageFramed(pages, 'BCP-SCCTD-CTD-LON', 'Draft (after version 2)', 'OFFICIAL-SENSITIVE');
    expect(pages.join('\n')).toContain('Guidance');
  });
});

describe('a 40-row call cascade', () => {
  let pages: string[];

  beforeAll(async () => {
    pages = pdfPages(await printer.plan(samplePlan({ cascadeRows: 40 })));
  });

  it('runs over more than one page without cutting any row', () => {
    // A row's first line starts with its number; its last cell ends with "(log NN)" after wrapping.
    const rowPages = Array.from({ length: 40 }, (_, index) => {
      const row = String(index + 1).padStart(2, '0');
      const starts = pages.findIndex((text) => new RegExp(`^\\s*${row}\\s+Caller`, 'm').test(text));
      return { row, starts, ends: pageWith(pages, `(log ${row})`) };
    });
    for (const { row, starts, ends } of rowPages) {
      expect({ row, starts: starts >= 0 }).toEqual({ row, starts: true });
      expect({ row, ends }).toEqual({ row, ends: starts });
    }
    const cascadePages = new Set(rowPages.map((row) => row.starts));
    expect(cascadePages.size).toBeGreaterThan(1);
  });

  it('repeats the header row on every page the cascade reaches', () => {
    const cascadePages = [...new Set(pages.map((text, index) => (/\(log \d\d\)/.test(text) ? index : -1)).filter((index) => index >= 0))];
    expect(cascadePages.length).toBeGreaterThan(1);
    for (const index of cascadePages) {
      expect(pages[index]).toMatch(/No\.\s+Caller\s+Calls\s+Telephone\s+If no answer/);
    }
  });
});

describe('printing a pack of every plan below a node', () => {
  const pack = divisionPack(20);
  let pages: string[];

  beforeAll(async () => {
    pages = pdfPages(await printer.pack(pack));
  }, 120_000);

  /** The contents pages, whose header reads "Contents · …". */
  const contentsPages = () => pages.filter((text) => text.includes('Contents ·'));

  it('opens with a contents page listing every plan and the page it starts on', () => {
    expect(contentsPages()).toHaveLength(1);
    const contents = (pages[0] ?? '').replace(/\s+/g, ' ');
    expect(contents).toContain(pack.scope);
    for (const plan of pack.plans) expect(contents).toContain(plan.header.planRef);
  });

  it('starts each plan on a new page, at the page the contents gives, numbered as its own document', () => {
    const lines = contentsPages().join('\n').split('\n');
    pack.plans.forEach((plan, index) => {
      const line = lines.find((text) => text.includes(`${plan.header.planRef} `)) ?? '';
      const startsOn = Number(/(\d+)\s*$/.exec(line)?.[1]);
      const first = pages[startsOn - 1] ?? '';
      expect({ plan: index, cover: first.includes(plan.header.title) && /Page 1 of \d+/.test(first) }).toEqual({ plan: index, cover: true });
      expect(first).toContain(plan.header.planRef);
      // The page before belongs to the previous plan, or is the contents.
      expect(pages[startsOn - 2]).not.toContain(`${plan.header.planRef} ·`);
    });
  });

  it('names on every page the plan that page belongs to, with its version', () => {
    let current: PlanPrintDocument | undefined;
    pages.slice(contentsPages().length).forEach((text, index) => {
      if (/Page 1 of \d+/.test(text)) current = pack.plans.find((plan) => text.includes(plan.header.planRef) && text.includes(plan.header.title));
      expect({ page: index + 2, found: current !== undefined }).toEqual({ page: index + 2, found: true });
      expect(text).toContain(current?.header.planRef);
      expect(text).toContain(current?.header.versionLabel);
      for (const other of pack.plans.filter((plan) => plan !== current)) expect(text.includes(`${other.header.planRef} ·`)).toBe(false);
    });
  });
});

describe('when a plan cannot be printed', () => {
  it('gives an error the error page can show, and the next plan prints', async () => {
    const broken = samplePlan();
    broken.sections[0]?.blocks.push({ kind: 'chart' } as never);
    const failure = await printer.plan(broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PrintError);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ status: 500, code: 'print_template' });
    expect((failure as Error).message).toMatch(/could not be laid out for printing/);
    const pages = pdfPages(await printer.plan(samplePlan()));
    expect(pages[0]).toContain('BCP-SCCTD-CTD-LON');
  });
});
