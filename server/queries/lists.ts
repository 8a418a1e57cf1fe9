import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import { recordAudit, type Change } from './audit';

// Writes to the admin lists: categories and strategic objectives. Reads live in reference.ts.

export type ListTable = 'categories' | 'objectives';

/** The column holding a list item's text. */
export const LIST_TEXT_COLUMN = { categories: 'name', objectives: 'title' } as const;

export function findCategory(db: Db | Tx, id: number) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findObjective(db: Db | Tx, id: number) {
  return db.selectFrom('objectives').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another item of the list with this text, compared without case. */
export async function findListItemWithText(db: Db | Tx, table: ListTable, text: string, exceptId?: number): Promise<boolean> {
  const column = LIST_TEXT_COLUMN[table];
  const row = await sql<{ id: number }>`select id from ${sql.table(table)} where lower(${sql.ref(column)}) = lower(${text}) and id != ${exceptId ?? -1}`.execute(db);
  return row.rows.length > 0;
}

/** How many risks use each item of the list, open or closed: an item in use cannot be deleted. */
export async function listUsage(db: Db | Tx, table: ListTable): Promise<Map<number, number>> {
  const column = table === 'categories' ? 'category_id' : 'objective_id';
  const rows = await db
    .selectFrom('risks')
    .select([`${column} as id`, (eb) => eb.fn.countAll<number>().as('n')])
    .where(column, 'is not', null)
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.n]));
}

async function nextSortOrder(tx: Tx, table: ListTable): Promise<number> {
  const { next } = await sql<{ next: number }>`select coalesce(max(sort_order), -1) + 1 as next from ${sql.table(table)}`.execute(tx).then((r) => r.rows[0] ?? { next: 0 });
  return next;
}

/** The audit history's name for each list's records. */
const ENTITY = { categories: 'category', objectives: 'objective' } as const;

async function itemRecord(tx: Tx, table: ListTable, id: number): Promise<{ values: Record<string, unknown>; subject: string } | undefined> {
  const row = table === 'categories' ? await findCategory(tx, id) : await findObjective(tx, id);
  if (!row) return undefined;
  const { id: _id, ...values } = row;
  return { values, subject: 'name' in row ? row.name : row.title };
}

/** Records a change to a list item, in the caller's transaction; `before` is undefined for a new item. */
async function auditItem(tx: Tx, change: Change, table: ListTable, id: number, action: 'create' | 'update' | 'delete', before?: { values: Record<string, unknown> }) {
  const after = action === 'delete' ? undefined : await itemRecord(tx, table, id);
  const subject = after?.subject ?? String(before?.values[LIST_TEXT_COLUMN[table]] ?? '');
  await recordAudit(tx, change.actor, { entityType: ENTITY[table], entityId: id, action, subject, nodeId: null, before: before?.values ?? null, after: after?.values ?? null, at: change.at });
}

export async function insertCategory(tx: Tx, change: Change, category: { name: string; appetite_rank: number }): Promise<number> {
  const sort_order = await nextSortOrder(tx, 'categories');
  const { id } = await tx.insertInto('categories').values({ ...category, sort_order }).returning('id').executeTakeFirstOrThrow();
  await auditItem(tx, change, 'categories', id, 'create');
  return id;
}

export async function updateCategory(tx: Tx, change: Change, id: number, changes: { name: string; appetite_rank: number }): Promise<void> {
  const before = await itemRecord(tx, 'categories', id);
  await tx.updateTable('categories').set(changes).where('id', '=', id).execute();
  await auditItem(tx, change, 'categories', id, 'update', before);
}

export async function insertObjective(tx: Tx, change: Change, objective: { title: string }): Promise<number> {
  const sort_order = await nextSortOrder(tx, 'objectives');
  const { id } = await tx.insertInto('objectives').values({ ...objective, sort_order }).returning('id').executeTakeFirstOrThrow();
  await auditItem(tx, change, 'objectives', id, 'create');
  return id;
}

export async function updateObjective(tx: Tx, change: Change, id: number, changes: { title: string }): Promise<void> {
  const before = await itemRecord(tx, 'objectives', id);
  await tx.updateTable('objectives').set(changes).where('id', '=', id).execute();
  await auditItem(tx, change, 'objectives', id, 'update', before);
}

export async function deleteListItem(tx: Tx, change: Change, table: ListTable, id: number): Promise<void> {
  const before = await itemRecord(tx, table, id);
  await tx.deleteFrom(table).where('id', '=', id).execute();
  await auditItem(tx, change, table, id, 'delete', before);
}

/**
 * Moves an item one place up or down and renumbers the list 0, 1, 2… so ties from older
 * data never make a move do nothing; each item whose place changed is audited. Returns false
 * if it is already at that end.
 */
export async function moveListItem(tx: Tx, change: Change, table: ListTable, id: number, direction: 'up' | 'down'): Promise<boolean> {
  const column = LIST_TEXT_COLUMN[table];
  const { rows } = await sql<{ id: number; sort_order: number }>`select id, sort_order from ${sql.table(table)} order by sort_order, ${sql.ref(column)}`.execute(tx);
  const ids = rows.map((r) => r.id);
  const from = ids.indexOf(id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= ids.length) return false;
  [ids[from], ids[to]] = [ids[to] as number, ids[from] as number];
  for (const [index, itemId] of ids.entries()) {
    if (rows.find((r) => r.id === itemId)?.sort_order === index) continue;
    const before = await itemRecord(tx, table, itemId);
    await sql`update ${sql.table(table)} set sort_order = ${index} where id = ${itemId}`.execute(tx);
    await auditItem(tx, change, table, itemId, 'update', before);
  }
  return true;
}
