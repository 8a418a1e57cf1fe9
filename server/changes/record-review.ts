import type { Tx } from '../../db/connection';
import { rate } from '../domain/matrix';
import { formatQuarter, quarterOf } from '../domain/quarters';
import { directionOfTravel } from '../domain/reviews';
import type { z } from 'zod';
import { DATE_PARTS } from '../forms/date-input';
import type { FormProblem } from '../forms/parse';
import { reviewDateProblem, type reviewSchema } from '../forms/review-form';
import type { Change } from '../queries/audit';
import { loadMatrix, loadSettings } from '../queries/reference';
import { findLatestReview, insertReview } from '../queries/reviews';
import { findRisk, updateRisk } from '../queries/risks';

export type ReviewForm = z.output<typeof reviewSchema>;

export type ReviewOutcome =
  | { kind: 'recorded'; closedTheRisk: boolean }
  /** Rules the form could not check alone, field by field, in the words of the form. */
  | { kind: 'refused'; problems: FormProblem[] }
  /** The risk changed since the form was opened: nothing was written. */
  | { kind: 'stale' };

/**
 * Records a quarterly review of a risk: the review (the evidence, with its quarter, score and
 * direction of travel) and the risk rescored to it, or closed when the review says it is no
 * longer valid. Every rule is checked against what the transaction reads, so two reviews saved
 * at once cannot both pass on stale facts.
 */
export async function recordReview(tx: Tx, change: Change, riskId: number, form: ReviewForm, today: string): Promise<ReviewOutcome> {
  const risk = await findRisk(tx, riskId);
  if (!risk) return { kind: 'stale' };
  const [matrix, settings, latest, reviewer] = await Promise.all([
    loadMatrix(tx),
    loadSettings(tx),
    findLatestReview(tx, riskId),
    tx.selectFrom('people').select('id').where('id', '=', form.reviewer_id).executeTakeFirst(),
  ]);
  const problems: FormProblem[] = [];
  if (risk.status === 'closed') problems.push(['reviewed_on', 'This risk is closed: closed risks are not reviewed']);
  const dateProblem = reviewDateProblem(form.reviewed_on, today, risk.identified_on, latest?.reviewed_on ?? null);
  if (dateProblem) problems.push(['reviewed_on', dateProblem, DATE_PARTS]);
  if (!reviewer) problems.push(['reviewer_id', 'Select who carried out the review']);
  if (problems.length > 0) return { kind: 'refused', problems };

  const score = rate(matrix, form.current_likelihood, form.current_impact).score;
  const quarter = quarterOf(form.reviewed_on, settings.fyStartMonth);
  const quarterLabel = formatQuarter(quarter, settings.fyStartMonth);
  // "No, it should be closed" closes the risk with the review as its reason.
  const closing = form.still_valid === 'no'
    ? { status: 'closed' as const, closed_on: form.reviewed_on, closure_reason: `No longer valid at the ${quarterLabel} review: ${form.commentary}` }
    : {};
  const updated = await updateRisk(tx, change, risk.id, form.version, {
    current_likelihood: form.current_likelihood,
    current_impact: form.current_impact,
    ...closing,
  });
  if (!updated) return { kind: 'stale' };
  await insertReview(tx, change, {
    risk_id: risk.id,
    fy_year: quarter.fyYear,
    fy_quarter: quarter.quarter,
    reviewed_on: form.reviewed_on,
    reviewer_id: form.reviewer_id,
    inherent_likelihood: risk.inherent_likelihood,
    inherent_impact: risk.inherent_impact,
    current_likelihood: form.current_likelihood,
    current_impact: form.current_impact,
    target_likelihood: risk.target_likelihood,
    target_impact: risk.target_impact,
    current_score: score,
    direction: directionOfTravel(latest?.current_score ?? null, score),
    commentary: form.commentary,
    mitigating_action: form.mitigating_action,
    further_action: form.further_action,
    still_valid: form.still_valid === 'yes' ? 1 : 0,
  }, quarterLabel);
  return { kind: 'recorded', closedTheRisk: form.still_valid === 'no' };
}
