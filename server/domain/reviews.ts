import type { Direction, ReviewState, RiskStatus } from './vocabulary';
import { addQuarters, quarterEnd, quarterOf, quarterStart } from './quarters';

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
  return reviewStateOn(reviewDueOn(timing), timing.lastReviewedOn, reviewCalendar(today, timing.fyStartMonth));
}

/** Today and the first and last day of its quarter: all a review state needs besides the risk's own dates. */
export interface ReviewCalendar {
  today: string;
  quarterStart: string;
  quarterEnd: string;
}

export function reviewCalendar(today: string, fyStartMonth: number): ReviewCalendar {
  const current = quarterOf(today, fyStartMonth);
  return { today, quarterStart: quarterStart(current, fyStartMonth), quarterEnd: quarterEnd(current, fyStartMonth) };
}

/**
 * The state of an open risk from its due date and last review. Pages filter and sort by the
 * same rule in SQL over the stored due date (server/queries/risk-facts.ts), and the tests hold
 * the two equal.
 */
export function reviewStateOn(dueOn: string, lastReviewedOn: string | null, calendar: ReviewCalendar): Exclude<ReviewState, 'closed'> {
  if (calendar.today > dueOn) return 'overdue';
  if (lastReviewedOn !== null && lastReviewedOn >= calendar.quarterStart && lastReviewedOn <= calendar.quarterEnd) return 'reviewed';
  // Not overdue, so the due date is today or later: due this quarter when it falls in it.
  return dueOn <= calendar.quarterEnd ? 'due' : 'not_due';
}

/** Direction of travel of a review's current score against the previous review's. */
export function directionOfTravel(previousScore: number | null, score: number): Direction {
  if (previousScore === null) return 'new';
  if (score > previousScore) return 'up';
  if (score < previousScore) return 'down';
  return 'same';
}
