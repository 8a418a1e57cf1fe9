import { format, isValid, parseISO } from 'date-fns';

/** {{formatDate risk.identified_on}} → "23 Nov 2026"; empty for no date. */
export function formatDate(isoDay: unknown): string {
  if (typeof isoDay !== 'string' || isoDay === '') return '';
  const date = parseISO(isoDay);
  return isValid(date) ? format(date, 'd MMM yyyy') : isoDay;
}
