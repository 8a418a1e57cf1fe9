import { recordedColourClass } from '../../domain/recorded-colours';

/** {{recordedLevelClass review.current.level}} → "bw-recorded-f47738-0b0c0c": the colours the level had when recorded. */
export function recordedLevelClass(level: unknown): string {
  const { colour, textColour } = (level ?? {}) as { colour?: unknown; textColour?: unknown };
  return recordedColourClass(typeof colour === 'string' ? colour : '', typeof textColour === 'string' ? textColour : '');
}
