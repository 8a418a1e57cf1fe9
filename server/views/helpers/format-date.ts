const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** {{formatDate risk.identified_on}} → "23 Nov 2026"; empty for no date. Hand-rolled: it runs for every row of a register. */
export function formatDate(isoDay: unknown): string {
  if (typeof isoDay !== 'string' || isoDay === '') return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : isoDay;
}
