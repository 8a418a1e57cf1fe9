/** {{keepNumbersTogether "020 3357 1001"}}: a space after a digit made non-breaking, so phone numbers and "4 hours" never wrap in a narrow column. */
export function keepNumbersTogether(text: unknown): string {
  return String(text ?? '').replace(/(\d) (?=\S)/g, '$1\u00a0');
}
