export interface ConflictChange {
  label: string;
  saved: string;
  entered: string;
}

/**
 * The fields where the record as saved now differs from what the user submitted on a stale
 * form, in words: `display` turns stored values (ids, codes) into what the form showed.
 */
export function conflictChanges(
  labels: Record<string, string>,
  saved: Record<string, string>,
  entered: Record<string, string>,
  display: (field: string, value: string) => string = (_field, value) => value,
): ConflictChange[] {
  return Object.entries(labels)
    .filter(([field]) => (saved[field] ?? '').trim() !== (entered[field] ?? '').trim())
    .map(([field, label]) => ({
      label,
      saved: display(field, saved[field] ?? '') || '(blank)',
      entered: display(field, entered[field] ?? '') || '(blank)',
    }));
}

/** What a form page shows when its save was refused because the record moved on. */
export interface ConflictNotice {
  /** 'risk', 'action'… */
  what: string;
  changes: ConflictChange[];
  viewHref: string;
}
