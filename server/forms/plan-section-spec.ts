import type { PlanContent, SectionKey } from '../domain/plan-content';

// The shapes a plan section's form is described in: scalar fields, and lists of lines whose
// cells are named `<column>_<line>`. The descriptions themselves are plan-section-specs.ts.

export interface Choice {
  value: string;
  text: string;
}

export type CellValue = string | number | null | string[];

export interface ColumnSpec {
  /** Prefix of the flat field name: `${name}_${line}`. */
  name: string;
  label: string;
  kind: 'text' | 'integer' | 'hours' | 'select' | 'lines';
  choices?: readonly Choice[];
  /** govuk width class for inputs in a table. */
  width?: string;
  hint?: string;
  /** Integers are 1 or more unless zero makes sense (minimum staff). */
  allowZero?: boolean;
}

export interface ListSpec {
  /** Names the list in the page (id of its table). */
  key: string;
  label: string;
  hint?: string;
  layout: 'table' | 'cards';
  columns: ColumnSpec[];
  read(content: PlanContent): Record<string, CellValue>[];
  write(content: PlanContent, rows: Row[]): void;
}

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  kind: 'text' | 'textarea' | 'checkboxes';
  choices?: readonly Choice[];
  read(content: PlanContent): string | string[];
  write(content: PlanContent, value: string | string[]): void;
}

export interface SectionFormSpec {
  key: SectionKey;
  fields: FieldSpec[];
  lists: ListSpec[];
}

/** A parsed line of a list, read by column name. */
export class Row {
  constructor(private readonly cells: Record<string, CellValue>) {}
  text(name: string): string {
    const value = this.cells[name];
    return typeof value === 'string' ? value : '';
  }
  number(name: string): number | null {
    const value = this.cells[name];
    return typeof value === 'number' ? value : null;
  }
  lines(name: string): string[] {
    const value = this.cells[name];
    return Array.isArray(value) ? value : [];
  }
}

/** Longest text in a cell or a short field, and in a long one. */
export const TEXT_MAX = 500;
export const LONG_MAX = 4000;
