/** The one source of "now", passed in so tests can fix today's date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(isoDate: string): Clock {
  const fixed = new Date(`${isoDate}T12:00:00`);
  return { now: () => new Date(fixed) };
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Today as an ISO day, 'yyyy-MM-dd', in the server's own time zone (as date-fns' format gave
 * it). By hand: it is read several times on every request, and format parsed its pattern each time.
 */
export function today(clock: Clock): string {
  const now = clock.now();
  return `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}`;
}
