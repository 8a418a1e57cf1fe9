/** {{keepNumbersTogether "020 3357 1001"}}: spaces between digits made non-breaking, so a printed phone number never wraps. */
export function keepNumbersTogether(text: unknown): string {
  return String(text ?? '').replace(/(\d) (?=\d)/g, '$1\u00a0');
}
