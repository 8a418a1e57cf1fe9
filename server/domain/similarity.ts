// How alike two risks read (docs/joined-registers.md, "Likely duplicates"): trigram
// similarity over normalised words of the title and cause, with the words they share.

const STOP_WORDS = new Set(
  ('a an and are as at be by for from has have in into is it its no not of on or our over the their there this to too under we was were will with within without ' +
    'because due lack loss risk risks may might could would should cps unit division team failure fail').split(' '),
);

/** Lower-case words of three or more letters, stop words removed, a plural's s dropped. */
export function normalisedWords(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').match(/[a-z0-9]+/g) ?? [])
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** Every trigram ever seen, numbered, so a text's trigrams are a sorted array of numbers and two texts intersect in one pass. */
const gramNumbers = new Map<string, number>();

function trigramsOf(words: readonly string[]): Uint32Array {
  const grams = new Set<number>();
  for (const word of words) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const gram = padded.slice(i, i + 3);
      let n = gramNumbers.get(gram);
      if (n === undefined) gramNumbers.set(gram, (n = gramNumbers.size));
      grams.add(n);
    }
  }
  return Uint32Array.from(grams).sort();
}

export interface RiskText {
  title: string;
  cause: string;
}

/** A risk's text made ready for comparison, once per risk: title and cause apart. */
export interface Comparable {
  titleGrams: Uint32Array;
  causeGrams: Uint32Array;
  /** Every word of both, for finding candidates and naming what two risks share. */
  words: ReadonlySet<string>;
}

export function comparable(risk: RiskText): Comparable {
  const titleWords = normalisedWords(risk.title);
  const causeWords = normalisedWords(risk.cause);
  return { titleGrams: trigramsOf(titleWords), causeGrams: trigramsOf(causeWords), words: new Set([...titleWords, ...causeWords]) };
}

/** Jaccard similarity of two sorted sets of numbers. */
function jaccard(a: Uint32Array, b: Uint32Array): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** The title weighs more than the cause: two units describe one cause in their own words, but name a shared risk alike. */
const TITLE_WEIGHT = 0.6;

/** Trigram (Jaccard) similarity of titles and of causes, weighted: 0 to 1. */
export function similarityScore(a: Comparable, b: Comparable): number {
  return TITLE_WEIGHT * jaccard(a.titleGrams, b.titleGrams) + (1 - TITLE_WEIGHT) * jaccard(a.causeGrams, b.causeGrams);
}

/** The words both risks use, in alphabetical order. */
export function sharedWords(a: Comparable, b: Comparable): string[] {
  return [...a.words].filter((w) => b.words.has(w)).sort();
}

/** The score and the words both use. */
export function similarity(a: Comparable, b: Comparable): { score: number; sharedWords: string[] } {
  return { score: similarityScore(a, b), sharedWords: sharedWords(a, b) };
}

/** At or above this a pair is flagged as a likely duplicate: tuned on the demo's real pairs (tests/unit/similarity.test.ts). */
export const DUPLICATE_THRESHOLD = 0.3;

/** What a "not a duplicate" decision is about: both risks' words as they were, so a change to either raises the pair again. */
export function duplicateFingerprint(a: RiskText, b: RiskText): string {
  return JSON.stringify([a.title.trim(), a.cause.trim(), b.title.trim(), b.cause.trim()]);
}
