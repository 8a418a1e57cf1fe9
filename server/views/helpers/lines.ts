/** {{#each (lines risk.existing_controls)}}: the non-empty lines of a text, trimmed. */
export function lines(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
