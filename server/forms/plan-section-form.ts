import { z } from 'zod';
import type { PlanContent } from '../domain/plan-content';
import { formErrors, typedValues, type FormResult } from './parse';
import { LONG_MAX, Row, TEXT_MAX, type CellValue, type Choice, type ColumnSpec, type ListSpec, type SectionFormSpec } from './plan-section-spec';

// One form per plan section, described as data: scalar fields and lists of rows. Lists post
// flat fields named `<column>_<line>` (caller_3), so a form needs no JavaScript and no nested
// parsing; a line left entirely blank is a spare line and is dropped. Drafts may be incomplete:
// the form refuses only what is malformed, and missingSections says what is still to do.

export { sectionFormSpec } from './plan-section-specs';
export type { SectionFormSpec } from './plan-section-spec';

/** Spare blank lines under every list, and how many more "Add more lines" gives. */
export const SPARE_LINES = 3;
export const MORE_LINES = 5;
/**
 * More lines than any plan needs. It bounds what a form shows as well as what is saved: a
 * form is drawn from the line numbers posted, so a tiny post naming line 9999 would otherwise
 * come back as megabytes of empty lines.
 */
export const MAX_LINES = 150;

/** The column and line a list field is for (`caller_12`), or null when the name is not one of these columns'. */
function listFieldOf(columns: readonly ColumnSpec[], key: string): { column: ColumnSpec; line: number } | null {
  const match = /^(.+)_(\d+)$/.exec(key);
  const column = match ? columns.find((c) => c.name === match[1]) : undefined;
  return match && column ? { column, line: Number(match[2]) } : null;
}

/**
 * Why a post cannot be shown or saved at all: a list field numbered past the limit. The route
 * refuses it with a short page, never the form, whose size would follow the number.
 */
export function lineLimitProblem(spec: SectionFormSpec, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  for (const list of spec.lists) {
    const beyond = Object.keys(body).some((key) => (listFieldOf(list.columns, key)?.line ?? 0) > MAX_LINES);
    if (beyond) return `${list.label} can have at most ${MAX_LINES} lines. Nothing was saved: go back to the form, and remove lines or move some to another list.`;
  }
  return null;
}

const cellText = (value: CellValue): string => (value === null ? '' : Array.isArray(value) ? value.join('\n') : String(value));

/** The saved section as flat form values (for the form and for comparing with a stale save). */
export function sectionFormValues(spec: SectionFormSpec, content: PlanContent): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of spec.fields) {
    const value = field.read(content);
    values[field.name] = Array.isArray(value) ? value.join(',') : value;
  }
  for (const list of spec.lists) {
    list.read(content).forEach((row, index) => {
      for (const column of list.columns) values[`${column.name}_${index + 1}`] = cellText(row[column.name] ?? null);
    });
  }
  return values;
}

/**
 * The last line of a list these values hold a field for; with `filled`, the last line with
 * something typed in it (selects always hold a value, so they do not count).
 */
export function linesIn(list: { columns: ColumnSpec[] }, values: Record<string, unknown>, filled = false): number {
  let lines = 0;
  for (const [key, value] of Object.entries(values)) {
    const field = listFieldOf(list.columns, key);
    if (!field) continue;
    if (filled && (field.column.kind === 'select' || typeof value !== 'string' || value.trim() === '')) continue;
    lines = Math.max(lines, field.line);
  }
  return lines;
}

const cellSchemas = {
  text: (label: string) => z.string().trim().max(TEXT_MAX, `${label} must be ${TEXT_MAX} characters or fewer`),
  integer: (label: string, allowZero: boolean) =>
    z
      .string()
      .trim()
      .regex(/^(\d{1,5})?$/, `Enter the ${label.toLowerCase()} as a whole number, for example 2`)
      .transform((v) => (v === '' ? null : Number(v)))
      .refine((v) => v === null || v > 0 || allowZero, `The ${label.toLowerCase()} must be 1 or more`),
  hours: (label: string) =>
    z
      .string()
      .trim()
      .regex(/^(\d{1,5}(\.\d{1,2})?)?$/, `Enter the ${label.replace(' (hours)', '')} in hours, for example 4 or 0.5`)
      .transform((v) => (v === '' ? null : Number(v))),
  lines: (label: string) =>
    z
      .string()
      .max(LONG_MAX, `${label} must be ${LONG_MAX.toLocaleString('en-GB')} characters or fewer`)
      .transform((v) => v.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '')),
  select: (label: string, choices: readonly Choice[]) =>
    z.string().refine((v) => choices.some((c) => c.value === v), `Select the ${label.toLowerCase()} from the list`),
};

function cellSchema(column: ColumnSpec, line: number) {
  const label = column.label;
  const schema =
    column.kind === 'select'
      ? cellSchemas.select(label, column.choices ?? [])
      : column.kind === 'integer'
        ? cellSchemas.integer(label, column.allowZero ?? false)
        : cellSchemas[column.kind](label);
  return z.string({ error: `${label} on line ${line} must be text` }).optional().transform((v) => v ?? '').pipe(schema);
}

/** A list line with nothing typed in it (selects always hold a value, so they do not count). */
function blankLine(list: ListSpec, body: Record<string, unknown>, line: number): boolean {
  return list.columns.every((column) => {
    if (column.kind === 'select') return true;
    const value = body[`${column.name}_${line}`];
    return value === undefined || (typeof value === 'string' && value.trim() === '');
  });
}

/**
 * Parses a posted section form. On success, `apply` writes the section into a copy of the
 * content it is given: the latest draft at the moment of saving, so other sections are never touched.
 */
export function parseSectionForm(spec: SectionFormSpec, body: unknown): FormResult<{ apply(content: PlanContent): PlanContent }> {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const problems: [string, string][] = [];
  const scalar = new Map<string, string | string[]>();
  for (const field of spec.fields) {
    const raw = form[field.name];
    if (field.kind === 'checkboxes') {
      const checked = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      if (!checked.every((v) => typeof v === 'string' && (field.choices ?? []).some((c) => c.value === v))) {
        problems.push([field.name, `Select ${field.label.toLowerCase()} from the list`]);
      }
      scalar.set(field.name, checked.map(String));
      continue;
    }
    const max = field.kind === 'textarea' ? LONG_MAX : TEXT_MAX;
    const parsed = z
      .string({ error: `${field.label} must be text` })
      .trim()
      .max(max, `${field.label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
      .optional()
      .safeParse(raw);
    if (parsed.success) scalar.set(field.name, parsed.data ?? '');
    else problems.push([field.name, parsed.error.issues[0]?.message ?? `Check ${field.label.toLowerCase()}`]);
  }

  const lists = new Map<string, Row[]>();
  for (const list of spec.lists) {
    const count = linesIn(list, form);
    if (count > MAX_LINES) {
      problems.push([`${list.columns[0]?.name}_1`, `${list.label} can have at most ${MAX_LINES} lines`]);
      continue;
    }
    const rows: Row[] = [];
    for (let line = 1; line <= count; line++) {
      if (blankLine(list, form, line)) continue;
      const cells: Record<string, CellValue> = {};
      for (const column of list.columns) {
        const name = `${column.name}_${line}`;
        const parsed = cellSchema(column, line).safeParse(form[name]);
        if (parsed.success) cells[column.name] = parsed.data;
        else problems.push([name, `${parsed.error.issues[0]?.message ?? 'Check this field'} (line ${line})`]);
      }
      rows.push(new Row(cells));
    }
    lists.set(list.key, rows);
  }

  if (problems.length > 0) return { ok: false, errors: formErrors(problems) };
  return {
    ok: true,
    data: {
      apply(content) {
        const next = structuredClone(content);
        for (const field of spec.fields) field.write(next, scalar.get(field.name) ?? '');
        for (const list of spec.lists) list.write(next, lists.get(list.key) ?? []);
        return next;
      },
    },
  };
}

/** What the user typed, as flat strings; ticked boxes joined the way sectionFormValues joins them. */
export function sectionTypedValues(spec: SectionFormSpec, body: unknown): Record<string, string> {
  const values = typedValues(body);
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  for (const field of spec.fields) {
    if (field.kind !== 'checkboxes') continue;
    const raw = form[field.name];
    values[field.name] = raw === undefined ? '' : Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  }
  return values;
}

/** Labels of every field the values hold, for the stale-save comparison ('Caller, line 3'). */
export function sectionFieldLabels(spec: SectionFormSpec, ...valueSets: Record<string, string>[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const field of spec.fields) labels[field.name] = field.label;
  for (const list of spec.lists) {
    const lines = Math.max(0, ...valueSets.map((values) => linesIn(list, values)));
    for (let line = 1; line <= lines; line++) {
      for (const column of list.columns) labels[`${column.name}_${line}`] = `${list.label}: ${column.label.toLowerCase()}, line ${line}`;
    }
  }
  return labels;
}

/** Shows a select's stored value by its label in the stale-save table. */
export function sectionDisplay(spec: SectionFormSpec) {
  return (field: string, value: string): string => {
    const checkboxes = spec.fields.find((f) => f.name === field && f.kind === 'checkboxes');
    if (checkboxes) return value.split(',').filter(Boolean).map((v) => checkboxes.choices?.find((c) => c.value === v)?.text ?? v).join(', ');
    const column = spec.lists.flatMap((l) => l.columns).find((c) => c.kind === 'select' && field.startsWith(`${c.name}_`) && /^\d+$/.test(field.slice(c.name.length + 1)));
    return column?.choices?.find((c) => c.value === value)?.text ?? value;
  };
}
