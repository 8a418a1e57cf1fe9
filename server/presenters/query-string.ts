/** A link to the same page with some query parameters changed; empty values are left out. */
export function linkWith(path: string, current: Record<string, string | number | undefined>, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}
