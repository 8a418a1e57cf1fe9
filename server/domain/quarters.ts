// Plain arithmetic on 'yyyy-MM-dd' strings: the register judges hundreds of risks per
// request, and parsing dates with a library for each was most of its time.

/**
 * A financial-year quarter. `fyYear` is the calendar year in which the financial year
 * starts: with an April start, 2026-27 Q3 is October to December 2026.
 */
export interface FyQuarter {
  fyYear: number;
  quarter: number;
}

function yearMonth(day: string | Date): [year: number, month: number] {
  if (typeof day !== 'string') return [day.getFullYear(), day.getMonth() + 1];
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
}

function isoDay(year: number, month: number, dayOfMonth: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

export function quarterOf(day: string | Date, startMonth: number): FyQuarter {
  const [year, month] = yearMonth(day);
  const monthsIntoYear = (month - startMonth + 12) % 12;
  return { fyYear: month >= startMonth ? year : year - 1, quarter: Math.floor(monthsIntoYear / 3) + 1 };
}

export function addQuarters(q: FyQuarter, count: number): FyQuarter {
  const index = q.fyYear * 4 + (q.quarter - 1) + count;
  return { fyYear: Math.floor(index / 4), quarter: (index % 4) + 1 };
}

export function compareQuarters(a: FyQuarter, b: FyQuarter): number {
  return a.fyYear * 4 + a.quarter - (b.fyYear * 4 + b.quarter);
}

export function sameQuarter(a: FyQuarter, b: FyQuarter): boolean {
  return compareQuarters(a, b) === 0;
}

/** Calendar year and month (1–12) in which the quarter starts. */
function firstMonth(q: FyQuarter, startMonth: number): [year: number, month: number] {
  const monthIndex = q.fyYear * 12 + (startMonth - 1) + (q.quarter - 1) * 3;
  return [Math.floor(monthIndex / 12), (monthIndex % 12) + 1];
}

/** First day of the quarter, 'yyyy-MM-dd'. */
export function quarterStart(q: FyQuarter, startMonth: number): string {
  const [year, month] = firstMonth(q, startMonth);
  return isoDay(year, month, 1);
}

/** Last day of the quarter, 'yyyy-MM-dd'. */
export function quarterEnd(q: FyQuarter, startMonth: number): string {
  const [startYear, start] = firstMonth(q, startMonth);
  const monthIndex = startYear * 12 + (start - 1) + 2;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  // Day 0 of the next month is the last day of this one.
  return isoDay(year, month, new Date(year, month, 0).getDate());
}

/** '2026-27 Q3' for a financial year spanning two calendar years, '2026 Q3' for a January start. */
export function formatQuarter(q: FyQuarter, startMonth: number): string {
  if (startMonth === 1) return `${q.fyYear} Q${q.quarter}`;
  return `${q.fyYear}-${String((q.fyYear + 1) % 100).padStart(2, '0')} Q${q.quarter}`;
}

/** The quarter as a path segment: '2026-27Q3' (or '2026Q3' for a January start). */
export function quarterPath(q: FyQuarter, startMonth: number): string {
  return formatQuarter(q, startMonth).replace(' ', '');
}

/**
 * A quarter from its path segment, or a message saying what is wrong with it. The second year
 * must follow the first ('2026-27', never '2026-28'), and a January start has none.
 */
export function parseQuarterPath(text: string, startMonth: number): { ok: true; quarter: FyQuarter } | { ok: false; message: string } {
  const example = quarterPath({ fyYear: 2026, quarter: 3 }, startMonth);
  const match = /^(\d{4})(?:-(\d{2}))?Q([1-4])$/i.exec(text);
  const wrong = { ok: false as const, message: `"${text.slice(0, 20)}" is not a quarter: quarters are written like ${example}` };
  if (!match) return wrong;
  const fyYear = Number(match[1]);
  const second = match[2];
  if (startMonth === 1 ? second !== undefined : second !== String((fyYear + 1) % 100).padStart(2, '0')) return wrong;
  if (fyYear < 2000 || fyYear > 2100) return wrong;
  return { ok: true, quarter: { fyYear, quarter: Number(match[3]) } };
}

/** The day a quarter's return is due: `days` after the quarter ends (the return deadline setting). */
export function returnDeadline(q: FyQuarter, startMonth: number, days: number): string {
  const end = quarterEnd(q, startMonth);
  const date = new Date(`${end}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from one 'yyyy-MM-dd' to another: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
