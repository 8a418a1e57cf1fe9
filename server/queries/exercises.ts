import { sql, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/connection';
import type { ExerciseFindingTable, ExerciseTable, NewExercise, NewExerciseFinding } from '../../db/schema';
import { EXERCISE_KIND_LABELS } from '../domain/exercise-vocabulary';
import { recordAudit, type Change } from './audit';

/** Every exercise of the given plans, newest first by the date it was (or is to be) held. */
export function listExercisesOfPlans(db: Db | Tx, planIds: number[]) {
  return db
    .selectFrom('exercises as e')
    .leftJoin('people as c', 'c.id', 'e.coordinator_id')
    .selectAll('e')
    .select('c.name as coordinator_name')
    .where('e.plan_id', 'in', planIds.length > 0 ? planIds : [-1])
    .orderBy(sql`coalesce(e.held_on, e.planned_on)`, 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

export type ExerciseListRow = Awaited<ReturnType<typeof listExercisesOfPlans>>[number];

/** One exercise with its plan's names, for its page, its forms and access checks. */
export function findExercise(db: Db | Tx, id: number) {
  return db
    .selectFrom('exercises as e')
    .innerJoin('plans as p', 'p.id', 'e.plan_id')
    .innerJoin('nodes as n', 'n.id', 'p.node_id')
    .leftJoin('people as c', 'c.id', 'e.coordinator_id')
    .selectAll('e')
    .select(['c.name as coordinator_name', 'p.ref as plan_ref', 'p.title as plan_title', 'p.node_id', 'n.name as node_name'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export type ExerciseDetailRow = NonNullable<Awaited<ReturnType<typeof findExercise>>>;

/** The stored exercise as the audit history sees it: its columns, its plan's node and reference. */
async function exerciseRecord(tx: Tx, id: number) {
  const row = await tx.selectFrom('exercises as e').innerJoin('plans as p', 'p.id', 'e.plan_id').selectAll('e').select(['p.node_id', 'p.ref']).where('e.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const { node_id, ref, ...values } = row;
  return { values, nodeId: node_id, subject: `${ref} ${EXERCISE_KIND_LABELS[values.type].toLowerCase()}` };
}

/** Adds the exercise and records it in the audit history, in the caller's transaction. */
export async function insertExercise(tx: Tx, change: Change, exercise: Omit<NewExercise, 'created_at' | 'updated_at'>): Promise<number> {
  const { id } = await tx.insertInto('exercises').values({ ...exercise, created_at: change.at, updated_at: change.at }).returning('id').executeTakeFirstOrThrow();
  const saved = await exerciseRecord(tx, id);
  if (!saved) throw new Error(`exercise ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, { entityType: 'exercise', entityId: id, action: 'create', subject: saved.subject, nodeId: saved.nodeId, after: saved.values, at: change.at });
  return id;
}

/** Saves only if nobody saved the exercise since `version`, recording what changed; false otherwise. */
export async function updateExercise(tx: Tx, change: Change, id: number, version: number, changes: Updateable<ExerciseTable>): Promise<boolean> {
  const before = await exerciseRecord(tx, id);
  if (!before) return false;
  const result = await tx
    .updateTable('exercises')
    .set({ ...changes, version: sql`version + 1`, updated_at: change.at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  const after = await exerciseRecord(tx, id);
  if (!after) throw new Error(`exercise ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, { entityType: 'exercise', entityId: id, action: 'update', subject: after.subject, nodeId: after.nodeId, before: before.values, after: after.values, at: change.at });
  return true;
}

/** Findings of the given plans' exercises, open first, then by due date. */
export function listFindingsOfPlans(db: Db | Tx, planIds: number[]) {
  return db
    .selectFrom('exercise_findings as f')
    .innerJoin('exercises as e', 'e.id', 'f.exercise_id')
    .leftJoin('people as o', 'o.id', 'f.owner_id')
    .selectAll('f')
    .select(['o.name as owner_name', 'e.plan_id', 'e.type as exercise_type', 'e.held_on as exercise_held_on', 'e.planned_on as exercise_planned_on'])
    .where('e.plan_id', 'in', planIds.length > 0 ? planIds : [-1])
    .orderBy(sql`f.status = 'closed'`)
    .orderBy(sql`f.due_on IS NULL`)
    .orderBy('f.due_on')
    .orderBy('f.id')
    .execute();
}

export type FindingListRow = Awaited<ReturnType<typeof listFindingsOfPlans>>[number];

/** A finding with its exercise and plan, for its form and access checks. */
export function findFinding(db: Db | Tx, id: number) {
  return db
    .selectFrom('exercise_findings as f')
    .innerJoin('exercises as e', 'e.id', 'f.exercise_id')
    .innerJoin('plans as p', 'p.id', 'e.plan_id')
    .selectAll('f')
    .select([
      'e.plan_id',
      'e.type as exercise_type',
      'e.plan_version_number as exercised_version_number',
      'e.held_on as exercise_held_on',
      'e.planned_on as exercise_planned_on',
      'p.ref as plan_ref',
      'p.title as plan_title',
      'p.node_id',
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export type FindingDetailRow = NonNullable<Awaited<ReturnType<typeof findFinding>>>;

/** The stored finding as the audit history sees it: its columns and its plan's node. */
async function findingRecord(tx: Tx, id: number) {
  const row = await tx
    .selectFrom('exercise_findings as f')
    .innerJoin('exercises as e', 'e.id', 'f.exercise_id')
    .innerJoin('plans as p', 'p.id', 'e.plan_id')
    .selectAll('f')
    .select('p.node_id')
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { node_id, ...values } = row;
  return { values, nodeId: node_id };
}

/** Adds the finding and records it in the audit history, in the caller's transaction. */
export async function insertFinding(tx: Tx, change: Change, finding: Omit<NewExerciseFinding, 'created_at' | 'updated_at'>): Promise<number> {
  const { id } = await tx.insertInto('exercise_findings').values({ ...finding, created_at: change.at, updated_at: change.at }).returning('id').executeTakeFirstOrThrow();
  const saved = await findingRecord(tx, id);
  if (!saved) throw new Error(`finding ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, { entityType: 'finding', entityId: id, action: 'create', subject: saved.values.description, nodeId: saved.nodeId, after: saved.values, at: change.at });
  return id;
}

/** Saves only if nobody saved the finding since `version`, recording what changed; false otherwise. */
export async function updateFinding(tx: Tx, change: Change, id: number, version: number, changes: Updateable<ExerciseFindingTable>): Promise<boolean> {
  const before = await findingRecord(tx, id);
  if (!before) return false;
  const result = await tx
    .updateTable('exercise_findings')
    .set({ ...changes, version: sql`version + 1`, updated_at: change.at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  const after = await findingRecord(tx, id);
  if (!after) throw new Error(`finding ${id} vanished inside its own transaction`);
  await recordAudit(tx, change.actor, { entityType: 'finding', entityId: id, action: 'update', subject: after.values.description, nodeId: after.nodeId, before: before.values, after: after.values, at: change.at });
  return true;
}

/** The approved (and superseded) versions of a plan, oldest first: what can be exercised, or close a finding. */
export function listApprovedVersions(db: Db | Tx, planId: number) {
  return db
    .selectFrom('plan_versions')
    .select(['number', 'approved_on', 'status'])
    .where('plan_id', '=', planId)
    .where('number', 'is not', null)
    .orderBy('number')
    .execute() as Promise<{ number: number; approved_on: string; status: 'approved' | 'superseded' }[]>;
}

/** Each plan's first approval date: a plan never tested is due from it. Plans never approved are absent. */
export async function firstApprovals(db: Db | Tx, planIds: number[]): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('plan_versions')
    .select(['plan_id', (eb) => eb.fn.min<string>('approved_on').as('first_approved_on')])
    .where('plan_id', 'in', planIds.length > 0 ? planIds : [-1])
    .where('number', 'is not', null)
    .groupBy('plan_id')
    .execute();
  return new Map(rows.map((r) => [r.plan_id, r.first_approved_on]));
}

/** True if the plan has a draft now: the only draft an exercise can be of. */
export async function planHasDraft(db: Db | Tx, planId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('plan_versions').select('id').where('plan_id', '=', planId).where('status', '=', 'draft').executeTakeFirst());
}
