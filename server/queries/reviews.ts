import type { Db, Tx } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import type { NewReview } from '../../db/schema';
import { recordedLevel } from '../domain/matrix';
import { recordAudit, type Change } from './audit';
import { loadMatrix } from './reference';

const reviewsOfRisk = preparedQuery<{ riskId: number }>()((db, value) => db
  .selectFrom('reviews as v')
  .leftJoin('people as p', 'p.id', 'v.reviewer_id')
  .selectAll('v')
  .select('p.name as reviewer_name')
  .where('v.risk_id', '=', value('riskId'))
  .orderBy('v.reviewed_on', 'desc')
  .orderBy('v.id', 'desc'));

/** Newest first. */
export function listReviewsOfRisk(db: Db | Tx, riskId: number) {
  return reviewsOfRisk(db, { riskId });
}

export function findLatestReview(db: Db | Tx, riskId: number) {
  return db
    .selectFrom('reviews')
    .select(['current_score', 'reviewed_on'])
    .where('risk_id', '=', riskId)
    .orderBy('reviewed_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Records the review and its audit event, in the caller's transaction; `subject` names it, e.g. "2026-27 Q3". */
export async function insertReview(tx: Tx, change: Change, review: Omit<NewReview, 'created_at'>, subject: string): Promise<number> {
  // The level is rated now and kept: reviews are evidence, and the matrix may change later.
  const level = recordedLevel(await loadMatrix(tx), review.current_likelihood, review.current_impact);
  const { id } = await tx.insertInto('reviews').values({ ...review, ...level, created_at: change.at }).returning('id').executeTakeFirstOrThrow();
  const saved = await tx
    .selectFrom('reviews as v')
    .innerJoin('risks as r', 'r.id', 'v.risk_id')
    .innerJoin('registers as g', 'g.id', 'r.register_id')
    .selectAll('v')
    .select('g.node_id')
    .where('v.id', '=', id)
    .executeTakeFirstOrThrow();
  const { node_id, ...values } = saved;
  await recordAudit(tx, change.actor, { entityType: 'review', entityId: id, action: 'create', subject, nodeId: node_id, riskId: values.risk_id, after: values, at: change.at });
  return id;
}
