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

function trigramsOf(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const word of words) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

export interface RiskText {
  title: string;
  cause: string;
}

interface TextGrams {
  words: ReadonlySet<string>;
  grams: ReadonlySet<string>;
}

/** A risk's text made ready for comparison, once per risk: title and cause apart. */
export interface Comparable {
  title: TextGrams;
  cause: TextGrams;
  /** Every word of both, for finding candidates. */
  words: ReadonlySet<string>;
}

function gramsOf(text: string): TextGrams {
  const words = normalisedWords(text);
  return { words: new Set(words), grams: trigramsOf(words) };
}

export function comparable(risk: RiskText): Comparable {
  const title = gramsOf(risk.title);
  const cause = gramsOf(risk.cause);
  return { title, cause, words: new Set([...title.words, ...cause.words]) };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const gram of small) if (large.has(gram)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** The title weighs more than the cause: two units describe one cause in their own words, but name a shared risk alike. */
const TITLE_WEIGHT = 0.6;

/** Trigram (Jaccard) similarity of titles and of causes, weighted, 0 to 1, and the words both use. */
export function similarity(a: Comparable, b: Comparable): { score: number; sharedWords: string[] } {
  const score = TITLE_WEIGHT * jaccard(a.title.grams, b.title.grams) + (1 - TITLE_WEIGHT) * jaccard(a.cause.grams, b.cause.grams);
  const sharedWords = [...a.words].filter((w) => b.words.has(w)).sort();
  return { score, sharedWords };
}

/** At or above this a pair is flagged as a likely duplicate: tuned on the demo's real pairs (tests/unit/similarity.test.ts). */
export const DUPLICATE_THRESHOLD = 0.3;

/** What a "not a duplicate" decision is about: both risks' words as they were, so a change to either raises the pair again. */
export function duplicateFingerprint(a: RiskText, b: RiskText): string {
  return JSON.stringify([a.title.trim(), a.cause.trim(), b.title.trim(), b.cause.trim()]);
}
