/** {{plural count "risk" "risks"}} → "1 risk", "3 risks". */
export function plural(count: unknown, singular: unknown, pluralForm: unknown): string {
  const n = Number(count);
  return `${n} ${n === 1 ? String(singular) : String(pluralForm)}`;
}
