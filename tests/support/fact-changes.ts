// The changes that move stored facts and what is kept in memory, made through the app as a
// user makes them; tests/db/stored-facts.test.ts and kept-in-memory.test.ts check after each.
import { riskFormValues } from '../../server/forms/risk-form';
import { findRisk, type RiskDetailRow } from '../../server/queries/risks';
import { hiddenBase } from './forms';
import { TODAY, type TestApp } from './test-app';

interface ReviewedRisk {
  id: number;
  owner_id: number | null;
  version: number;
}

/** Records today's review of the risk by its owner; `stillValid: 'no'` closes it. */
export async function recordReview(t: TestApp, risk: ReviewedRisk, review: { likelihood: number; impact: number; commentary: string; stillValid: 'yes' | 'no' }): Promise<void> {
  await t.http.post(`/risks/${risk.id}/reviews`).type('form').send({
    reviewed_on: TODAY, reviewer_id: String(risk.owner_id), current_likelihood: String(review.likelihood), current_impact: String(review.impact), commentary: review.commentary,
    mitigating_action: '', further_action: '', still_valid: review.stillValid, version: String(risk.version),
  }).expect(303);
}

/** Completes the first open action that is overdue. */
export async function completeOverdueAction(t: TestApp): Promise<void> {
  const action = await t.handle.db.selectFrom('actions').selectAll().where('status', 'in', ['not_started', 'in_progress']).where('due_on', '<', TODAY).orderBy('id').executeTakeFirstOrThrow();
  await t.http.post(`/actions/${action.id}/complete`).type('form').send({ version: String(action.version) }).expect(303);
}

/** Saves the risk's edit form as it stands with `changes` made. */
export async function editRisk(t: TestApp, riskId: number, changes: Record<string, string>): Promise<void> {
  const form = await t.http.get(`/risks/${riskId}/edit`).expect(200);
  const fields = riskFormValues(await findRisk(t.handle.db, riskId) as RiskDetailRow);
  await t.http.post(`/risks/${riskId}`).type('form').send({ ...fields, ...changes, base: hiddenBase(form.text) }).expect(303);
}
