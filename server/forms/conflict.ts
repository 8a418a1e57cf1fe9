export interface ConflictChange {
  label: string;
  saved: string;
  entered: string;
  /** Both people changed this field, differently: the form keeps this user's entry. */
  clash: boolean;
}

/** What a form page shows when its save was refused because the record moved on. */
export interface ConflictNotice {
  /** 'risk', 'action'… */
  what: string;
  changes: ConflictChange[];
  viewHref: string;
  /** Who changed it and when, where the record keeps that. */
  by?: string;
}

/** The values an edit form started from travel with it as one hidden field, `base`. */
export const BASE_FIELD = 'base';

export function encodeBase(values: Record<string, string>): string {
  return JSON.stringify(values);
}

/** The starting values a form posted back, or null if missing or tampered with. */
export function decodeBase(body: unknown): Record<string, string> | null {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[BASE_FIELD] : undefined;
  if (typeof raw !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const entries: [string, unknown][] = Object.entries(parsed);
    const strings = entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    return strings.length === entries.length ? Object.fromEntries(strings) : null;
  } catch {
    return null;
  }
}

const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim() === (b ?? '').trim();

/** True if two sets of form values hold the same entries (a missing field counts as blank). */
export function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((field) => same(a[field], b[field]));
}

/**
 * For records without a version column: has what is saved moved on from what the form
 * started from? Checked in the same transaction as the save, it guards like a version does.
 */
export function changedSince(fields: string[], base: Record<string, string>, saved: Record<string, string>): boolean {
  return fields.some((field) => !same(base[field], saved[field]));
}

/**
 * A three-way merge of a stale edit: what the form started from (`base`), what is saved now,
 * and what the user entered. Fields only the other person changed take the saved value;
 * fields this user changed keep their entry. The changes listed are the other person's, so
 * nothing they did is undone without the user seeing it. Without a base every difference is
 * listed and the user's entries are kept.
 */
export function mergeStaleEdit(
  labels: Record<string, string>,
  base: Record<string, string> | null,
  saved: Record<string, string>,
  entered: Record<string, string>,
  display: (field: string, value: string) => string = (_field, value) => value,
): { values: Record<string, string>; changes: ConflictChange[] } {
  const values = { ...entered };
  const changes: ConflictChange[] = [];
  for (const [field, label] of Object.entries(labels)) {
    const userChanged = base === null || !same(entered[field], base[field]);
    const otherChanged = base === null ? !same(saved[field], entered[field]) : !same(saved[field], base[field]);
    if (!userChanged) values[field] = saved[field] ?? '';
    if (otherChanged && !same(saved[field], entered[field])) {
      changes.push({
        label,
        saved: display(field, saved[field] ?? '') || '(blank)',
        entered: display(field, entered[field] ?? '') || '(blank)',
        clash: userChanged,
      });
    }
  }
  return { values, changes };
}
