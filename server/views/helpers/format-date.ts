import { formatDay } from '../../domain/dates';

/** {{formatDate risk.identified_on}} → "2 September 2026"; empty for no date. The rule is formatDay (server/domain/dates.ts). */
export function formatDate(isoDay: unknown): string {
  return formatDay(isoDay);
}
