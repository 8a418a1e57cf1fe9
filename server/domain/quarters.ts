import { addMonths, format, parseISO, subDays } from 'date-fns';

/**
 * A financial-year quarter. `fyYear` is the calendar year in which the financial year
 * starts: with an April start, 2026-27 Q3 is October to December 2026.
 */
export interface FyQuarter {
  fyYear: number;
  quarter: number;
}

function toDate(day: string | Date): Date {
  return typeof day === 'string' ? parseISO(day) : day;
}

export function quarterOf(day: string | Date, startMonth: number): FyQuarter {
  const date = toDate(day);
  const monthsIntoYear = (date.getMonth() + 1 - startMonth + 12) % 12;
  const fyYear = date.getMonth() + 1 >= startMonth ? date.getFullYear() : date.getFullYear() - 1;
  return { fyYear, quarter: Math.floor(monthsIntoYear / 3) + 1 };
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

/** First day of the quarter, 'yyyy-MM-dd'. */
export function quarterStart(q: FyQuarter, startMonth: number): string {
  const firstOfYear = new Date(q.fyYear, startMonth - 1, 1);
  return format(addMonths(firstOfYear, (q.quarter - 1) * 3), 'yyyy-MM-dd');
}

/** Last day of the quarter, 'yyyy-MM-dd'. */
export function quarterEnd(q: FyQuarter, startMonth: number): string {
  const nextStart = parseISO(quarterStart(addQuarters(q, 1), startMonth));
  return format(subDays(nextStart, 1), 'yyyy-MM-dd');
}

/** '2026-27 Q3' for a financial year spanning two calendar years, '2026 Q3' for a January start. */
export function formatQuarter(q: FyQuarter, startMonth: number): string {
  if (startMonth === 1) return `${q.fyYear} Q${q.quarter}`;
  return `${q.fyYear}-${String((q.fyYear + 1) % 100).padStart(2, '0')} Q${q.quarter}`;
}
