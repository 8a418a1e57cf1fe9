import { changedSince } from '../forms/conflict';

export type UnlessChangedOutcome<T> = { kind: 'saved'; result: T } | { kind: 'stale'; saved: Record<string, string> };

/**
 * The version check of records without a version column (sites, list items, the matrix, the
 * settings): their forms carry the values they started from (`base`), and `save` runs only if
 * what is stored (`readSaved`, as form values) still equals them. Called inside the transaction
 * of the save, so nothing can change between the check and the write.
 */
export async function saveUnlessChanged<T>(
  base: Record<string, string>,
  fields: string[],
  readSaved: () => Promise<Record<string, string>>,
  save: () => Promise<T>,
): Promise<UnlessChangedOutcome<T>> {
  const saved = await readSaved();
  if (changedSince(fields, base, saved)) return { kind: 'stale', saved };
  return { kind: 'saved', result: await save() };
}
