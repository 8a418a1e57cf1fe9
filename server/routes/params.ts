import { notFound } from '../errors';

/** A record id from the path; anything but a plain positive integer is a page that does not exist. */
export function idParam(value: string | string[] | undefined, what: string): number {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) === 0) throw notFound(what);
  return Number(value);
}
