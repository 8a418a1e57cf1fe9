import { z } from 'zod';
import { DATE_PARTS, readPostedDate } from './date-input';

// Field builders for form schemas. Every message says what to do, in the words of the form.

/** Browsers post textarea lines with CRLF: stored text uses LF, so an untouched field saves unchanged (and the history stays quiet). */
const unixLines = (text: string) => text.replace(/\r\n?/g, '\n');

export function requiredText(message: string, label: string, max: number) {
  return z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .transform(unixLines);
}

export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((value) => unixLines(value ?? ''));
}

const digits = /^\d{1,9}$/;

/** A chosen record id; existence is checked against the database by the route. */
export function idChoice(message: string) {
  return z
    .string({ error: message })
    .regex(digits, message)
    .transform(Number)
    .refine((n) => n > 0, message);
}

/** An optional record id: the empty option means none. */
export function optionalIdChoice(message: string) {
  return z
    .union([z.literal(''), z.string().regex(digits, message)], { error: message })
    .optional()
    .transform((value) => (value === undefined || value === '' ? null : Number(value)));
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/** 1 to 5 on a matrix axis. */
export function scaleValue(message: string) {
  return z
    .string({ error: message })
    .regex(/^[1-5]$/, message)
    .transform(Number);
}

/** Every part of a date, for an error about the date as a whole: the three fields are highlighted. */
const WHOLE_DATE = { parts: [...DATE_PARTS] };

// Checked, then converted: a refinement's issue lets the form's own rules run too, so every
// problem is listed at once (a transform's issue would stop them).
function dateSchema(label: string, required: string | null) {
  return z
    .unknown()
    .optional()
    .superRefine((value, ctx) => {
      const reading = readPostedDate(value, label);
      if (reading.kind === 'wrong') ctx.addIssue({ code: 'custom', message: reading.message, params: { parts: reading.parts } });
      if (reading.kind === 'blank' && required !== null) ctx.addIssue({ code: 'custom', message: required, params: WHOLE_DATE });
    })
    .transform((value): string | null => {
      const reading = readPostedDate(value, label);
      return reading.kind === 'date' ? reading.iso : null;
    });
}

/**
 * A date typed in the GOV.UK date input (three fields, gathered by `parseForm`), as an ISO day.
 * `label` starts the messages ("Date identified must be a real date"); `required` is the message
 * for no date at all ("Enter the date the risk was identified").
 */
export function dateField(label: string, required: string) {
  return dateSchema(label, required).transform((value) => value as string);
}

/** An optional date: nothing typed is null. */
export function optionalDateField(label: string) {
  return dateSchema(label, null);
}

export const versionField = z
  .string({ error: 'The form is out of date: reload the page and try again' })
  .regex(digits, 'The form is out of date: reload the page and try again')
  .transform(Number);

/** Optional hours, such as a recovery time: blank means not known. */
export function optionalHours(message: string) {
  return z
    .union([z.literal(''), z.string().trim().regex(/^\d{1,5}(\.\d{1,2})?$/, message)], { error: message })
    .optional()
    .transform((value) => (value === undefined || value === '' ? null : Number(value)));
}

/**
 * A code of capital letters, digits and hyphens (SCCTD-ARU), stored in capitals so that "scd"
 * and "SCD" can never both exist: nodes and registers name references with them.
 */
export function codeField(example: string) {
  return z
    .string({ error: 'Enter a code' })
    .trim()
    .toUpperCase()
    .min(1, 'Enter a code')
    .max(20, 'Code must be 20 characters or fewer')
    .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, `Enter a code of capital letters, digits and hyphens, for example ${example}`);
}
