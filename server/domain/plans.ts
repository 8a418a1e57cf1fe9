import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

/**
 * A plan's reference from its node's code and, when it covers one site, the site's first three
 * letters: BCP-SCCTD-CT-LON. A node code already ending in an abbreviation of the site
 * (SCCTD-SC-YORK, IJOCD-OC-BHM) does not repeat it.
 */
export function planReference(nodeCode: string, siteName: string | null): string {
  const base = `BCP-${nodeCode.toUpperCase()}`;
  const letters = (siteName ?? '').replace(/[^A-Za-z]/g, '').toUpperCase();
  if (letters === '') return base;
  const lastPart = base.split('-').at(-1) ?? '';
  return lastPart.length >= 3 && abbreviates(lastPart, letters) ? base : `${base}-${letters.slice(0, 3)}`;
}

/** True if `short` starts like `name` and its letters appear in `name` in order (BHM, BIRMINGHAM). */
function abbreviates(short: string, name: string): boolean {
  if (short[0] !== name[0]) return false;
  let at = 0;
  for (const letter of short) {
    at = name.indexOf(letter, at);
    if (at === -1) return false;
    at += 1;
  }
  return true;
}

/** A reference not yet taken: the base, or the base with -2, -3... */
export function firstFreeReference(base: string, taken: (ref: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** The day a plan approved on `approvedOn` is next due for review. */
export function nextReviewDue(approvedOn: string, reviewMonths: number): string {
  return format(addMonths(parseISO(approvedOn), reviewMonths), 'yyyy-MM-dd');
}

/** 'Version 3', or for a draft 'Draft (after version 2)' / 'Draft (not yet approved)'. */
export function versionLabel(number: number | null, latestApproved: number | null): string {
  if (number !== null) return `Version ${number}`;
  return latestApproved === null ? 'Draft (not yet approved)' : `Draft (after version ${latestApproved})`;
}
