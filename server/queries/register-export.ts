import type { Db } from '../../db/connection';
import { INFLUENCE_LABELS, ACTION_STATUS_LABELS } from '../domain/vocabulary';
import type { ExportAction, ExportRisk } from '../spreadsheets/columns';

// Full rows for a register export, read in batches of ids (the register's order comes from
// orderedRiskIds in risk-facts.ts), so an export of 12,000 risks never holds them all at once.

/** Risks read per query while exporting. */
export const EXPORT_BATCH = 500;

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The risks with these ids, every field with names for ids, in the order of `ids`. */
export async function exportRisks(db: Db, ids: readonly number[]): Promise<ExportRisk[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('risks as r')
    .innerJoin('risk_facts as f', 'f.risk_id', 'r.id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('objectives as j', 'j.id', 'r.objective_id')
    .leftJoin('people as o', 'o.id', 'r.owner_id')
    .leftJoin('people as m', 'm.id', 'r.manager_id')
    .innerJoin('matrix_levels as cl', 'cl.rank', 'f.current_level_rank')
    .innerJoin('matrix_levels as tl', 'tl.rank', 'f.target_level_rank')
    .where('r.id', 'in', [...ids])
    .select([
      'r.id', 'r.reference', 'g.code as register_code', 'r.title', 'r.cause', 'r.event', 'r.effect',
      'c.name as category', 'j.title as objective', 'o.email as owner_email', 'o.name as owner_name', 'm.email as manager_email', 'm.name as manager_name',
      'r.identified_on', 'r.status', 'r.closed_on', 'r.closure_reason', 'r.treatment', 'r.influence',
      'r.inherent_likelihood', 'r.inherent_impact', 'r.current_likelihood', 'r.current_impact', 'r.target_likelihood', 'r.target_impact',
      'f.current_score', 'cl.name as current_level', 'f.current_level_rank', 'f.target_score', 'tl.name as target_level', 'f.target_level_rank',
      'r.existing_controls', 'f.last_reviewed_on', 'f.review_due_on', 'r.version',
    ])
    .execute();
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows
    .map((row) => ({
      ...row,
      status: capitalised(row.status),
      treatment: capitalised(row.treatment),
      influence: INFLUENCE_LABELS[row.influence],
    }))
    .sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
}

/** The further actions of these risks, by risk in the order of `ids`, then by due date. */
export async function exportActions(db: Db, ids: readonly number[]): Promise<ExportAction[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('actions as a')
    .innerJoin('risks as r', 'r.id', 'a.risk_id')
    .leftJoin('people as o', 'o.id', 'a.owner_id')
    .where('a.risk_id', 'in', [...ids])
    .select(['a.risk_id', 'a.id', 'r.reference as risk_reference', 'a.description', 'o.email as owner_email', 'o.name as owner_name', 'a.due_on', 'a.status', 'a.completed_on'])
    .orderBy('a.due_on')
    .orderBy('a.id')
    .execute();
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows
    .sort((a, b) => (position.get(a.risk_id) ?? 0) - (position.get(b.risk_id) ?? 0))
    .map(({ risk_id: _risk, id: _id, ...row }) => ({ ...row, status: ACTION_STATUS_LABELS[row.status] }));
}
