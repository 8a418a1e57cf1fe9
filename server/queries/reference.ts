import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Matrix } from '../domain/matrix';
import { REGISTER_KINDS, type RegisterKind } from '../domain/vocabulary';

export async function loadMatrix(db: Db): Promise<Matrix> {
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

const settingsSchema = z.object({
  fy_start_month: z.number().int().min(1).max(12),
  review_cadence_months: z.record(z.enum(REGISTER_KINDS), z.number().int().min(1).max(36)),
});

export interface Settings {
  fyStartMonth: number;
  reviewCadenceMonths: Record<RegisterKind, number>;
}

export async function loadSettings(db: Db): Promise<Settings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const raw = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const parsed = settingsSchema.parse(raw);
  return { fyStartMonth: parsed.fy_start_month, reviewCadenceMonths: parsed.review_cadence_months };
}

export function listCategories(db: Db) {
  return db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('name').execute();
}

export function listObjectives(db: Db) {
  return db.selectFrom('objectives').selectAll().orderBy('sort_order').orderBy('title').execute();
}

export function listPeople(db: Db) {
  return db.selectFrom('people').select(['id', 'name', 'job_title']).orderBy('name').execute();
}
