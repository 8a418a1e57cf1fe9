import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { z } from 'zod';

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

/** Years a date typed into Bulwark can really fall in: anything else is a slip of the keyboard (2062 for 2026 is not caught, 0202 is). */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

export function isoDay(message: string) {
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => isValid(parseISO(value)), message)
    .refine((value) => {
      const year = Number(value.slice(0, 4));
      return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
    }, `The year must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`);
}

export function optionalIsoDay(message: string) {
  return z
    .union([z.literal(''), isoDay(message)], { error: message })
    .optional()
    .transform((value) => (value === undefined || value === '' ? null : value));
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
