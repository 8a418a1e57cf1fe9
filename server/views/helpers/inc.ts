/** {{inc depth}} → depth + 1. */
export function inc(value: unknown): number {
  return Number(value) + 1;
}
