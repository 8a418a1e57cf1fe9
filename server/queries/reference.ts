import { z } from 'zod';
import type { Db, Tx } from '../../db/connection';
import { cachedReference } from '../../db/reference-cache';
import { flatMatrix, type Matrix } from '../domain/matrix';
import { recordAudit, type Change } from './audit';
import { REGISTER_KINDS, type ExerciseType, type RegisterKind } from '../domain/vocabulary';
import { DEFAULT_ESCALATION_LEVELS, type EscalatingNodeKind } from '../domain/escalation';

/** The matrix, from memory until an admin changes it. */
export function loadMatrix(db: Db | Tx): Promise<Matrix> {
  return cachedReference(db, 'matrix', 'matrix', () => readMatrix(db));
}

async function readMatrix(db: Db | Tx): Promise<Matrix> {
  const [levels, labels, cells] = await Promise.all([
    db.selectFrom('matrix_levels').selectAll().orderBy('rank').execute(),
    db.selectFrom('matrix_labels').selectAll().orderBy('value').execute(),
    db.selectFrom('matrix_cells').selectAll().execute(),
  ]);
  const axis = (name: 'likelihood' | 'impact') =>
    labels.filter((l) => l.axis === name).map(({ value, label, description }) => ({ value, label, description }));
  return {
    levels: levels.map((l) => ({ rank: l.rank, name: l.name, colour: l.colour, textColour: l.text_colour })),
    likelihood: axis('likelihood'),
    impact: axis('impact'),
    cells: cells.map((c) => ({ likelihood: c.likelihood, impact: c.impact, score: c.score, levelRank: c.level_rank })),
  };
}

const months = (max: number) => z.number().int().min(1).max(max);

// Defaults mirror the migrations that seed them, so a key missing for any reason never breaks a page.
const settingsSchema = z.object({
  fy_start_month: z.number().int().min(1).max(12),
  review_cadence_months: z.record(z.enum(REGISTER_KINDS), months(36)),
  plan_review_months: months(60).default(12),
  exercise_months_call_cascade: months(120).default(6),
  exercise_months_tabletop: months(120).default(12),
  exercise_months_live: months(120).default(36),
  escalation_level_rank: z.record(z.enum(['division', 'unit', 'team']), z.number().int().min(1)).default(DEFAULT_ESCALATION_LEVELS),
  return_deadline_days: z.number().int().min(0).max(90).default(15),
});

export interface Settings {
  fyStartMonth: number;
  reviewCadenceMonths: Record<RegisterKind, number>;
  /** Months from a plan's approval to its next review. */
  planReviewMonths: number;
  /** Months between exercises of each type. */
  exerciseMonths: Record<ExerciseType, number>;
  /** Per kind of node below the organisation: the matrix level at or above which its risks are suggested for escalation to the parent. */
  escalationLevelRank: Record<EscalatingNodeKind, number>;
  /** Days after a quarter ends by which its return is due. */
  returnDeadlineDays: number;
}

/** The settings, from memory until an admin changes them. */
export function loadSettings(db: Db | Tx): Promise<Settings> {
  return cachedReference(db, 'settings', 'settings', () => readSettings(db));
}

async function readSettings(db: Db | Tx): Promise<Settings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const raw = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const parsed = settingsSchema.parse(raw);
  return {
    fyStartMonth: parsed.fy_start_month,
    reviewCadenceMonths: parsed.review_cadence_months,
    planReviewMonths: parsed.plan_review_months,
    exerciseMonths: {
      call_cascade: parsed.exercise_months_call_cascade,
      tabletop: parsed.exercise_months_tabletop,
      live: parsed.exercise_months_live,
    },
    escalationLevelRank: parsed.escalation_level_rank,
    returnDeadlineDays: parsed.return_deadline_days,
  };
}

/** Settings as stored: the parsed JSON value of each key. */
async function storedSettings(tx: Tx): Promise<Record<string, unknown>> {
  const rows = await tx.selectFrom('settings').selectAll().orderBy('key').execute();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

/** Writes settings back under their stored keys, as JSON like the migrations seed them, and records what changed. */
export async function saveSettings(tx: Tx, change: Change, settings: Settings): Promise<void> {
  const before = await storedSettings(tx);
  const entries: Record<string, unknown> = {
    fy_start_month: settings.fyStartMonth,
    review_cadence_months: settings.reviewCadenceMonths,
    plan_review_months: settings.planReviewMonths,
    exercise_months_call_cascade: settings.exerciseMonths.call_cascade,
    exercise_months_tabletop: settings.exerciseMonths.tabletop,
    exercise_months_live: settings.exerciseMonths.live,
    escalation_level_rank: settings.escalationLevelRank,
    return_deadline_days: settings.returnDeadlineDays,
  };
  for (const [key, value] of Object.entries(entries)) {
    await tx
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
  // Settings have no id: the one record of kind 'settings' is number 1.
  await recordAudit(tx, change.actor, { entityType: 'settings', entityId: 1, action: 'update', subject: 'Cadences and settings', nodeId: null, before, after: await storedSettings(tx), at: change.at });
}

/** Replaces the matrix's words, colours and cell levels, and records what changed; the levels themselves and the cells' scores stay. */
export async function saveMatrix(tx: Tx, change: Change, matrix: Matrix): Promise<void> {
  const before = flatMatrix(await loadMatrix(tx));
  for (const level of matrix.levels) {
    await tx.updateTable('matrix_levels').set({ name: level.name, colour: level.colour, text_colour: level.textColour }).where('rank', '=', level.rank).execute();
  }
  for (const axis of ['likelihood', 'impact'] as const) {
    for (const label of matrix[axis]) {
      await tx.updateTable('matrix_labels').set({ label: label.label, description: label.description }).where('axis', '=', axis).where('value', '=', label.value).execute();
    }
  }
  for (const cell of matrix.cells) {
    await tx.updateTable('matrix_cells').set({ level_rank: cell.levelRank }).where('likelihood', '=', cell.likelihood).where('impact', '=', cell.impact).execute();
  }
  // The matrix has no id: the one record of kind 'matrix' is number 1.
  await recordAudit(tx, change.actor, { entityType: 'matrix', entityId: 1, action: 'update', subject: 'Risk matrix', nodeId: null, before, after: flatMatrix(await loadMatrix(tx)), at: change.at });
}

export function listCategories(db: Db | Tx) {
  return cachedReference(db, 'lists', 'categories', () => db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('name').execute());
}

export function listObjectives(db: Db | Tx) {
  return cachedReference(db, 'lists', 'objectives', () => db.selectFrom('objectives').selectAll().orderBy('sort_order').orderBy('title').execute());
}

export function listPeople(db: Db) {
  return cachedReference(db, 'people', 'people', () => db.selectFrom('people').select(['id', 'name', 'job_title', 'node_id']).orderBy('name').execute());
}


export async function matrixLevelExists(db: Db | Tx, rank: number): Promise<boolean> {
  return Boolean(await db.selectFrom('matrix_levels').select('rank').where('rank', '=', rank).executeTakeFirst());
}

/** The matrix levels with their colours, for the generated stylesheet. */
export function listMatrixLevels(db: Db | Tx) {
  return db.selectFrom('matrix_levels').selectAll().execute();
}

/** Every pair of level colours a review was recorded with, current levels included: the stylesheet defines a class for each. */
export async function listRecordedLevelColours(db: Db | Tx): Promise<{ colour: string; text_colour: string }[]> {
  const [recorded, current] = await Promise.all([
    db.selectFrom('reviews').select(['level_colour', 'level_text_colour']).distinct().where('level_colour', 'is not', null).execute(),
    db.selectFrom('matrix_levels').select(['colour', 'text_colour']).execute(),
  ]);
  const pairs = new Map<string, { colour: string; text_colour: string }>();
  for (const r of recorded) pairs.set(`${r.level_colour}|${r.level_text_colour}`, { colour: r.level_colour ?? '', text_colour: r.level_text_colour ?? '' });
  for (const c of current) pairs.set(`${c.colour}|${c.text_colour}`, c);
  return [...pairs.values()];
}
