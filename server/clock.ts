import { format } from 'date-fns/format';

/** The one source of "now", passed in so tests can fix today's date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(isoDate: string): Clock {
  const fixed = new Date(`${isoDate}T12:00:00`);
  return { now: () => new Date(fixed) };
}

/** Today as an ISO day, 'yyyy-MM-dd'. */
export function today(clock: Clock): string {
  return format(clock.now(), 'yyyy-MM-dd');
}
