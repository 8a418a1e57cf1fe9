import type { Db, Tx } from '../../db/connection';
import type { NewReview } from '../../db/schema';

/** Newest first. */
export function listReviewsOfRisk(db: Db | Tx, riskId: number) {
  return db
    .selectFrom('reviews as v')
    .leftJoin('people as p', 'p.id', 'v.reviewer_id')
    .selectAll('v')
    .select('p.name as reviewer_name')
    .where('v.risk_id', '=', riskId)
    .orderBy('v.reviewed_on', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
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

export async function insertReview(db: Db | Tx, review: NewReview): Promise<number> {
  const { id } = await db.insertInto('reviews').values(review).returning('id').executeTakeFirstOrThrow();
  return id;
}
