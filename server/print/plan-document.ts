// The printed business continuity plan, as the templates in `templates/plan/` receive it.
// It is a print model, not the stored plan: every value is already a display string, and
// each section is a list of generic blocks, so the templates know nothing of how a plan is
// stored and the stored format can grow without touching the print layout.

/** One printed block inside a section, in the order it is printed. */
export type PrintBlock =
  /** Label and value pairs, printed as a two-column table (e.g. invocation: who may invoke). */
  | { kind: 'fields'; heading?: string; rows: { label: string; value: string }[] }
  /** A table with a header row repeated on every page; rows are never cut across pages. */
  | { kind: 'table'; heading?: string; columns: string[]; rows: string[][]; emptyText?: string }
  /** A bulleted or numbered list. */
  | { kind: 'list'; heading?: string; ordered: boolean; items: string[]; emptyText?: string }
  /** Paragraphs of prose; each string is a paragraph. */
  | { kind: 'text'; heading?: string; paragraphs: string[] }
  /** Action cards: one card per scenario and role, each step with a tick box and a time column. */
  | { kind: 'cards'; heading?: string; cards: { title: string; subtitle?: string; steps: string[] }[]; emptyText?: string }
  /** The guidance a new section starts with, printed only on drafts, set apart in a box. */
  | { kind: 'guidance'; text: string };

export interface PrintSection {
  /** 0 to 11, the standard order of docs/domain.md. */
  number: number;
  title: string;
  blocks: PrintBlock[];
}

/** Everything printed on the cover, in the header and footer of each page, and in document control. */
export interface PlanPrintHeader {
  /** Stable id of the plan, e.g. 'BCP-SCCTD-CTD-LON'. Printed on every page. */
  planRef: string;
  title: string;
  /** The node and, where there is one, the site: 'Counter Terrorism Division, London (Rose Court)'. */
  scope: string;
  /** 'Version 3', or 'Draft (after version 2)' for an unapproved draft. */
  versionLabel: string;
  /** True for a draft: every page carries a DRAFT watermark. */
  draft: boolean;
  status: string;
  owner: string;
  approver: string;
  approvedOn: string;
  nextReviewDue: string;
  /** e.g. 'OFFICIAL-SENSITIVE'; printed at the top and bottom of every page. */
  protectiveMarking: string;
  /** When this copy was printed, e.g. '23 November 2026'. */
  printedOn: string;
}

export interface PlanPrintDocument {
  header: PlanPrintHeader;
  /** Document control's tables: change history and distribution list (section 0). */
  changeHistory: { version: string; date: string; by: string; summary: string }[];
  distribution: { name: string; role: string }[];
  /** Sections 1 to 11 in the standard order; section 0 is printed from the header and the lists above. */
  sections: PrintSection[];
}

/** A pack: several plans in one PDF, each starting on a new page, after a contents page. */
export interface PlanPackDocument {
  title: string;
  /** e.g. 'Special Crime and Counter Terrorism Division and everything below it'. */
  scope: string;
  printedOn: string;
  /** The highest marking of any plan in the pack, printed on every page. */
  protectiveMarking: string;
  plans: PlanPrintDocument[];
}
