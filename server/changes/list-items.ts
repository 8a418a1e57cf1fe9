import type { Db, Tx } from '../../db/connection';
import { changedSince } from '../forms/conflict';
import type { Change } from '../queries/audit';
import { deleteListItem, findListItemWithText, listUsage, type ListTable } from '../queries/lists';
import { matrixLevelExists } from '../queries/reference';
import type { Problem } from './org-tree-changes';

// Adding, changing and deleting items of the organisation's lists (risk categories with their
// appetite, strategic objectives). The two lists share these rules; what differs is a ListWriter.

export interface ListItem {
  id: number;
  text: string;
  /** Matrix level rank, for categories. */
  appetiteRank?: number;
}

/** How one list is read and written. */
export interface ListWriter<F> {
  table: ListTable;
  singular: string;
  textField: string;
  labels: Record<string, string>;
  find(db: Db | Tx, id: number): Promise<ListItem | undefined>;
  values(item: ListItem): Record<string, string>;
  insert(tx: Tx, change: Change, form: F): Promise<number>;
  update(tx: Tx, change: Change, id: number, form: F): Promise<void>;
  text(form: F): string;
  /** The appetite a category's form sets; undefined for lists without one. */
  appetiteRank?(form: F): number;
}

/** Names are unique without regard to case, and an appetite must be a level of the matrix. */
async function itemProblems<F>(tx: Tx, kind: ListWriter<F>, form: F, exceptId?: number): Promise<Problem[]> {
  const problems: Problem[] = [];
  const text = kind.text(form);
  if (await findListItemWithText(tx, kind.table, text, exceptId)) problems.push([kind.textField, `There is already a ${kind.singular} called ${text}`]);
  const rank = kind.appetiteRank?.(form);
  if (rank !== undefined && !(await matrixLevelExists(tx, rank))) problems.push(['appetite_rank', 'Select the highest acceptable level']);
  return problems;
}

export type AddItemOutcome = { kind: 'added' } | { kind: 'refused'; problems: Problem[] };

export async function addListItem<F>(tx: Tx, change: Change, kind: ListWriter<F>, form: F): Promise<AddItemOutcome> {
  const problems = await itemProblems(tx, kind, form);
  if (problems.length > 0) return { kind: 'refused', problems };
  await kind.insert(tx, change, form);
  return { kind: 'added' };
}

export type ChangeItemOutcome = { kind: 'saved' } | { kind: 'stale'; saved: Record<string, string> } | { kind: 'refused'; problems: Problem[] } | { kind: 'gone' };

/** Saves an item only if it still holds what its form started from (`base`): list items have no version column. */
export async function changeListItem<F>(tx: Tx, change: Change, kind: ListWriter<F>, id: number, base: Record<string, string>, form: F): Promise<ChangeItemOutcome> {
  const current = await kind.find(tx, id);
  if (!current) return { kind: 'gone' };
  const saved = kind.values(current);
  if (changedSince(Object.keys(kind.labels), base, saved)) return { kind: 'stale', saved };
  const problems = await itemProblems(tx, kind, form, id);
  if (problems.length > 0) return { kind: 'refused', problems };
  await kind.update(tx, change, id, form);
  return { kind: 'saved' };
}

export type DeleteItemOutcome = { kind: 'deleted' } | { kind: 'in_use'; risks: number };

/** An item in use cannot be deleted: the risks that use it would lose their meaning. Counted in the same transaction as the delete. */
export async function deleteUnusedListItem(tx: Tx, change: Change, table: ListTable, id: number): Promise<DeleteItemOutcome> {
  const risks = (await listUsage(tx, table)).get(id) ?? 0;
  if (risks > 0) return { kind: 'in_use', risks };
  await deleteListItem(tx, change, table, id);
  return { kind: 'deleted' };
}
