// How a text cell travels in a spreadsheet. OWASP's guidance on CSV injection: a cell a
// spreadsheet would read as a formula (=, +, -, @, tab, carriage return, line feed, after any
// leading spaces) is sent with a leading apostrophe, which Excel and LibreOffice show as text.
// Import takes off exactly the apostrophe export put on, so a round trip changes nothing.

const FORMULA_START = /^ *[=+\-@\t\r\n]/;

/** True when a spreadsheet could take the text for a formula, once any apostrophes in front are set aside. */
function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text.replace(/^'+/, ''));
}

/**
 * The text as exported: an apostrophe in front when it could be read as a formula. A text that
 * already starts with apostrophes before such a character gets one more, so import can tell the
 * apostrophe export added from the ones that were typed.
 */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** Undoes neutraliseFormula: neutraliseFormula's output comes back as its input. */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && looksLikeFormula(text) ? text.slice(1) : text;
}

/** A CSV cell that is a formula rather than text: it starts with "=" (a CSV keeps a formula's text, not its value). */
export function isCsvFormula(text: string): boolean {
  return /^ *=/.test(text);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function validDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2100) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A day from a cell: an ISO day (2026-03-01), a day as people in the UK write it (1/3/2026), or a
 * spreadsheet date (read in UTC, as exceljs writes and reads them). Null when it is none of these.
 */
export function dayFromCell(value: string | Date): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return validDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  const text = value.trim();
  const iso = ISO_DAY.exec(text);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK_DAY.exec(text);
  if (uk) return validDay(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  // LibreOffice and Excel may add a midnight time to a date typed into a text column.
  const withTime = /^(\d{4}-\d{2}-\d{2})[T ]00:00(:00(\.0+)?)?Z?$/.exec(text);
  return withTime ? dayFromCell(withTime[1] as string) : null;
}

/** The day as a spreadsheet date: midnight UTC, which exceljs writes as the whole day. */
export function dateOfDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
