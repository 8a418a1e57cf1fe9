import type { Direction, ReviewState, RiskStatus } from './vocabulary';
import { addQuarters, quarterEnd, quarterOf, sameQuarter } from './quarters';

export interface ReviewTiming {
  status: RiskStatus;
  identifiedOn: string;
  lastReviewedOn: string | null;
  /** How often risks of this register kind must be reviewed (a setting; 3 = every quarter). */
  cadenceMonths: number;
  fyStartMonth: number;
}

/**
 * The last day by which the next review must be recorded. A risk never reviewed is due by
 * the end of the quarter it was identified in; after a review, by the end of the quarter
 * that lies one cadence later (quarterly cadence: the end of the next quarter).
 */
export function reviewDueOn(timing: ReviewTiming): string {
  const { identifiedOn, lastReviewedOn, cadenceMonths, fyStartMonth } = timing;
  if (lastReviewedOn === null) return quarterEnd(quarterOf(identifiedOn, fyStartMonth), fyStartMonth);
  const quartersLater = Math.max(1, Math.ceil(cadenceMonths / 3));
  return quarterEnd(addQuarters(quarterOf(lastReviewedOn, fyStartMonth), quartersLater), fyStartMonth);
}

export function reviewState(timing: ReviewTiming, today: string): ReviewState {
  if (timing.status === 'closed') return 'closed';
  const dueOn = reviewDueOn(timing);
  if (today > dueOn) return 'overdue';
  const current = quarterOf(today, timing.fyStartMonth);
  if (timing.lastReviewedOn !== null && sameQuarter(quarterOf(timing.lastReviewedOn, timing.fyStartMonth), current)) {
    return 'reviewed';
  }
  return sameQuarter(quarterOf(dueOn, timing.fyStartMonth), current) ? 'due' : 'not_due';
}

/** Direction of travel of a review's current score against the previous review's. */
export function directionOfTravel(previousScore: number | null, score: number): Direction {
  if (previousScore === null) return 'new';
  if (score > previousScore) return 'up';
  if (score < previousScore) return 'down';
  return 'same';
}
