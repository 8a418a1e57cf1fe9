const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * "2026-09-02" → "2 September 2026" (GOV.UK style); empty for no date. The one way a day is
 * written on a page, in a message or in print. Hand-rolled: it runs for every row of a register.
 */
export function formatDay(isoDay: unknown): string {
  if (typeof isoDay !== 'string' || isoDay === '') return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : isoDay;
}
