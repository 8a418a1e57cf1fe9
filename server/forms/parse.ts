import type { z } from 'zod';

export interface FormErrors {
  /** In field order, for the error summary at the top of the page. */
  summary: { field: string; message: string }[];
  /** Message beside each field. */
  fields: Record<string, string>;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

export function formErrors(entries: [field: string, message: string][]): FormErrors {
  const fields: Record<string, string> = {};
  for (const [field, message] of entries) fields[field] ??= message;
  return { summary: Object.entries(fields).map(([field, message]) => ({ field, message })), fields };
}

export function mergeErrors(...all: FormErrors[]): FormErrors {
  return formErrors(all.flatMap((errors) => errors.summary.map((e): [string, string] => [e.field, e.message])));
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.summary.length > 0;
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    errors: formErrors(result.error.issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message])),
  };
}

/** What the user typed, as strings, to put back in the form: never trusted, always escaped by the view. */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [key, value] of Object.entries(body)) {
    values[key] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return values;
}

/** The same errors with the summary in the order the fields appear on the form; unknown fields last. */
export function inFieldOrder(errors: FormErrors, fieldOrder: readonly string[]): FormErrors {
  const position = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
  return { ...errors, summary: [...errors.summary].sort((a, b) => position(a.field) - position(b.field)) };
}
