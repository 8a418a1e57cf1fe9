import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

/**
 * A plan's reference from its node's code and, when it covers one site, the site's first three
 * letters: BCP-SCCTD-CT-LON. A node code already ending in an abbreviation of the site
 * (SCCTD-SC-YORK, IJOCD-OC-BHM) does not repeat it. `distinctPlanReference` keeps it apart from
 * the references already given.
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

/**
 * The site's abbreviations a reference may use, in order: its first three letters (YOR), then
 * its first letter and two more in order, consonants before vowels, earlier letters first (YRK,
 * YOK, YOR…), the way places are usually shortened (BRM, MNC).
 */
function siteAbbreviations(letters: string): string[] {
  if (letters.length <= 3) return [letters];
  const vowels = (text: string) => [...text].filter((c) => 'AEIOU'.includes(c)).length;
  const others: { text: string; vowels: number; i: number; j: number }[] = [];
  for (let i = 1; i < letters.length; i++) {
    for (let j = i + 1; j < letters.length; j++) {
      const pair = `${letters[i]}${letters[j]}`;
      others.push({ text: `${letters[0]}${pair}`, vowels: vowels(pair), i, j });
    }
  }
  others.sort((a, b) => a.vowels - b.vowels || a.i - b.i || a.j - b.j);
  return [...new Set([letters.slice(0, 3), ...others.map((o) => o.text)])];
}

const splitLast = (ref: string) => {
  const at = ref.lastIndexOf('-');
  return [ref.slice(0, at), ref.slice(at + 1)] as const;
};

/**
 * True if two references could be taken for each other: the same, or the same but for a last
 * part of letters that abbreviates the other's (…-SC-YOR and …-SC-YORK, …-SC-YRK and …-SC-YORK).
 */
export function confusableReferences(a: string, b: string): boolean {
  if (a === b) return true;
  const [prefixA, partA] = splitLast(a);
  const [prefixB, partB] = splitLast(b);
  if (prefixA !== prefixB || !/^[A-Z]+$/.test(partA) || !/^[A-Z]+$/.test(partB)) return false;
  const [short, long] = partA.length <= partB.length ? [partA, partB] : [partB, partA];
  return abbreviates(short, long);
}

/**
 * The reference of a new plan: `planReference`, unless a reference already given could be taken
 * for it. A plan covering a site then tries the site's other three-letter abbreviations
 * (BCP-SCCTD-SC-YOK beside BCP-SCCTD-SC-YORK, not -YOR); when none will do, or the plan covers
 * the whole node, the first choice is numbered (-2, -3…). References already given never change.
 */
export function distinctPlanReference(nodeCode: string, siteName: string | null, taken: readonly string[]): string {
  const given = taken.map((ref) => ref.toUpperCase());
  const first = planReference(nodeCode, siteName);
  const letters = (siteName ?? '').replace(/[^A-Za-z]/g, '').toUpperCase();
  // A whole-node plan's last part is the node's own code, which the admin chose: only the same reference clashes.
  if (letters === '') return firstFreeReference(first, (ref) => given.includes(ref));
  const clashes = (ref: string) => given.some((other) => confusableReferences(ref, other));
  const base = `BCP-${nodeCode.toUpperCase()}`;
  const candidates = first === base ? [first] : siteAbbreviations(letters).map((abbreviation) => `${base}-${abbreviation}`);
  return candidates.find((ref) => !clashes(ref)) ?? firstFreeReference(first, clashes);
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
