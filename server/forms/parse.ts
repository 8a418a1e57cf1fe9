import type { z } from 'zod';
import { gatherDateParts, withTypedDates, type DatePart } from './date-input';

export interface FormErrors {
  /** In field order, for the error summary at the top of the page; `href` is the input to go to. */
  summary: { field: string; message: string; href: string }[];
  /** Message beside each field. */
  fields: Record<string, string>;
  /** For a date field, the parts (day, month, year) its error is about: only those are highlighted. */
  parts: Record<string, DatePart[]>;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/** One problem: the field, the message, and for a date the parts it is about. */
export type FormProblem = [field: string, message: string, parts?: readonly DatePart[]];

export function formErrors(entries: FormProblem[]): FormErrors {
  const fields: Record<string, string> = {};
  const parts: Record<string, DatePart[]> = {};
  for (const [field, message, about] of entries) {
    if (Object.hasOwn(fields, field)) continue;
    fields[field] = message;
    if (about && about.length > 0) parts[field] = [...about];
  }
  return {
    // A date's link goes to the first of its fields that is wrong, as GOV.UK's error summary does.
    summary: Object.entries(fields).map(([field, message]) => ({ field, message, href: `#${parts[field] ? `${field}-${parts[field][0]}` : field}` })),
    fields,
    parts,
  };
}

export function mergeErrors(...all: FormErrors[]): FormErrors {
  return formErrors(all.flatMap((errors) => errors.summary.map((e): FormProblem => [e.field, e.message, errors.parts[e.field]])));
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.summary.length > 0;
}

function issueParts(params: unknown): DatePart[] | undefined {
  const parts = (params as { parts?: unknown } | undefined)?.parts;
  return Array.isArray(parts) ? (parts as DatePart[]) : undefined;
}

/** Parses a posted form; each date's three fields are read together (see `gatherDateParts`). */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(gatherDateParts(body ?? {}));
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    errors: formErrors(result.error.issues.map((issue): FormProblem => [
      String(issue.path[0] ?? 'form'),
      issue.message,
      issue.code === 'custom' ? issueParts(issue.params) : undefined,
    ])),
  };
}

/**
 * What the user typed, as strings, to put back in the form: never trusted, always escaped by the
 * view. A date typed in three fields keeps them, and is also given whole under its own name.
 */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [key, value] of Object.entries(body)) {
    values[key] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return withTypedDates(values);
}

/** The same errors with the summary in the order the fields appear on the form; unknown fields last. */
export function inFieldOrder(errors: FormErrors, fieldOrder: readonly string[]): FormErrors {
  const position = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
  return { ...errors, summary: [...errors.summary].sort((a, b) => position(a.field) - position(b.field)) };
}
