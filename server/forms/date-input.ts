// Dates as people write them: the GOV.UK date input's three fields (day, month, year), read the
// way its guidance says (https://design-system.service.gov.uk/components/date-input/): spaces
// ignored, a month by number or name, each message naming the part that is wrong.

export type DatePart = 'day' | 'month' | 'year';
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

/** What was typed into the three fields of one date, as text. */
export interface TypedDate {
  day: string;
  month: string;
  year: string;
}

export type DateReading =
  | { kind: 'blank' }
  | { kind: 'date'; iso: string }
  | { kind: 'wrong'; message: string; parts: DatePart[] };

/** Years a date typed into Bulwark can really fall in: anything else is a slip of the keyboard (2062 for 2026 is not caught, 0202 is). */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;
export const YEAR_MESSAGE = `The year must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** The name of each of a date field's three inputs: `identified_on-day`, as the govuk-frontend macro's namePrefix makes them. */
export const datePartName = (field: string, part: DatePart) => `${field}-${part}`;

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 3, 03, mar, March, sept → 3; null if it names no month. */
function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const name = text.toLowerCase().replace(/\.$/, '');
  if (name.length < 3) return null;
  const index = MONTH_NAMES.findIndex((m) => m.startsWith(name));
  return index === -1 ? null : index + 1;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

function listed(parts: DatePart[]): string {
  return parts.length === 1 ? `${parts[0]}` : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * Reads one date as typed. `label` starts the messages, as GOV.UK writes them: "Date identified
 * must include a month", "Date identified must be a real date". The parts named are the ones to
 * highlight.
 */
export function readDate(typed: TypedDate, label: string): DateReading {
  const text = { day: typed.day.trim(), month: typed.month.trim(), year: typed.year.trim() };
  const missing = DATE_PARTS.filter((part) => text[part] === '');
  if (missing.length === 3) return { kind: 'blank' };
  if (missing.length > 0) return { kind: 'wrong', message: `${label} must include a ${listed(missing)}`, parts: missing };

  const day = /^\d{1,2}$/.test(text.day) ? Number(text.day) : null;
  const month = monthNumber(text.month);
  const wrong: DatePart[] = [];
  if (day === null || day < 1 || day > 31) wrong.push('day');
  if (month === null || month < 1 || month > 12) wrong.push('month');
  if (!/^\d+$/.test(text.year)) wrong.push('year');
  if (wrong.length > 0) return { kind: 'wrong', message: `${label} must be a real date`, parts: wrong };

  const year = Number(text.year);
  if (text.year.length !== 4 || year < EARLIEST_YEAR || year > LATEST_YEAR) return { kind: 'wrong', message: YEAR_MESSAGE, parts: ['year'] };
  if ((day as number) > daysIn(year, month as number)) return { kind: 'wrong', message: `${label} must be a real date`, parts: ['day'] };
  return { kind: 'date', iso: `${year}-${pad(month as number)}-${pad(day as number)}` };
}

/** '2026-09-02' → day 2, month 9, year 2026, as the fields show a saved date; null if the text is no ISO day. */
export function typedDateOf(iso: string): TypedDate | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso.trim());
  if (!match) return null;
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] as string };
}

/**
 * A posted date: the three fields gathered into one object (see `gatherDateParts`), or the date
 * whole as yyyy-mm-dd (as scripts and tests post it), or nothing.
 */
export function readPostedDate(value: unknown, label: string): DateReading {
  if (value === undefined || value === null) return { kind: 'blank' };
  if (typeof value === 'string') {
    if (value.trim() === '') return { kind: 'blank' };
    const typed = typedDateOf(value);
    return typed ? readDate(typed, label) : { kind: 'wrong', message: `${label} must be a real date`, parts: [...DATE_PARTS] };
  }
  if (typeof value === 'object') {
    const parts = value as Record<string, unknown>;
    // A part posted twice (an array) is no day, month or year: '?' reads as not a number.
    const text = (part: DatePart) => (typeof parts[part] === 'string' ? parts[part] : parts[part] === undefined ? '' : '?');
    return readDate({ day: text('day'), month: text('month'), year: text('year') }, label);
  }
  return { kind: 'wrong', message: `${label} must be a real date`, parts: [...DATE_PARTS] };
}

const PART_KEY = /^(.+)-(day|month|year)$/;

/**
 * A posted body with each date's three fields (`due_on-day`, `due_on-month`, `due_on-year`)
 * gathered under the date's own name (`due_on: { day, month, year }`), for its schema to read.
 * The three fields win over a whole date posted under the same name.
 */
export function gatherDateParts(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const gathered: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const dates = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(body)) {
    const match = PART_KEY.exec(key);
    if (!match) continue;
    const [, field, part] = match as unknown as [string, string, DatePart];
    const date = dates.get(field) ?? {};
    date[part] = value;
    dates.set(field, date);
  }
  for (const [field, date] of dates) gathered[field] = date;
  return gathered;
}

/**
 * For what the user typed: each date typed in three fields also under its own name, as the ISO
 * day it makes (blank if it makes none), so a stale edit compares dates, not keystrokes.
 */
export function withTypedDates(values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  const fields = new Set(Object.keys(values).map((key) => PART_KEY.exec(key)?.[1]).filter((field): field is string => field !== undefined));
  for (const field of fields) {
    const reading = readDate({ day: values[datePartName(field, 'day')] ?? '', month: values[datePartName(field, 'month')] ?? '', year: values[datePartName(field, 'year')] ?? '' }, field);
    out[field] = reading.kind === 'date' ? reading.iso : '';
  }
  return out;
}

/** The form values without any date's three fields, so each date shows as its ISO value says. */
export function withoutDateParts(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !PART_KEY.test(key)));
}
