import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { EXERCISE_TYPES, type ExerciseKind, type ExerciseStatus, type ExerciseType, type FindingStatus } from './exercise-vocabulary';

// When a plan's tests and review are due, and how bad it is (docs/domain.md, "Testing and
// exercising"). Pure: the caller passes today and the records; nothing here reads a clock.

/** Months between exercises of each type: the `exercise_months_*` settings. */
export type ExerciseCadence = Record<ExerciseType, number>;

/** A date this close (in days) turns amber: a month's notice is enough to book a room and people. */
export const DUE_SOON_DAYS = 30;

export type Rag = 'red' | 'amber' | 'green';

const day = (date: Date) => format(date, 'yyyy-MM-dd');
export const addMonthsToDay = (isoDay: string, months: number) => day(addMonths(parseISO(isoDay), months));
const soonLimit = (today: string) => day(addDays(parseISO(today), DUE_SOON_DAYS));

/** Today and the last day that counts as due soon: what the stored-facts queries need to judge states in SQL. */
export function standingCalendar(today: string): { today: string; soon: string } {
  return { today, soon: soonLimit(today) };
}

/** What the rules need of an exercise record. */
export interface ExerciseFacts {
  type: ExerciseKind;
  status: ExerciseStatus;
  planned_on: string | null;
  held_on: string | null;
  lessons: string;
}

/**
 * The status as it stands today: a planned exercise whose date has passed with no result is
 * missed, whether or not anyone recorded it. On its planned day it is still planned.
 */
export function effectiveStatus(exercise: Pick<ExerciseFacts, 'status' | 'planned_on'>, today: string): ExerciseStatus {
  return exercise.status === 'planned' && exercise.planned_on !== null && exercise.planned_on < today ? 'missed' : exercise.status;
}

/**
 * The type of test a record counts as, or null if it counts as none: completed exercises count
 * as their type; a real invocation counts as a live exercise only when lessons were logged.
 */
export function countsAs(exercise: Pick<ExerciseFacts, 'type' | 'status' | 'lessons'>): ExerciseType | null {
  if (exercise.status !== 'completed') return null;
  if (exercise.type === 'real_invocation') return exercise.lessons.trim() === '' ? null : 'live';
  return exercise.type;
}

export type TestState = 'missed' | 'overdue' | 'due_soon' | 'on_track' | 'not_required' | 'not_approved';

export const TEST_STATE_LABELS: Record<TestState, string> = {
  missed: 'Missed',
  overdue: 'Overdue',
  due_soon: 'Due soon',
  on_track: 'On track',
  not_required: 'Not required',
  not_approved: 'Not due: plan not approved',
};

const RAG_OF_STATE: Record<TestState, Rag | null> = {
  missed: 'red',
  overdue: 'red',
  due_soon: 'amber',
  on_track: 'green',
  not_required: null,
  not_approved: null,
};

export interface TypeSchedule {
  type: ExerciseType;
  required: boolean;
  /** The last completed test of this type (a real invocation with lessons counting as live). */
  lastOn: string | null;
  /** Last + cadence; never tested: first approval + cadence; never approved or not required: null. */
  nextDueOn: string | null;
  /** The next exercise of this type planned for today or later. */
  plannedOn: string | null;
  /** The latest planned exercise of this type that was missed since the last completed one. */
  missedOn: string | null;
  state: TestState;
  rag: Rag | null;
}

export interface ScheduleInput {
  /**
   * The plan's first approval. A plan never tested is due from it, and re-approving a plan
   * does not restart that clock; null for a plan never approved, which has nothing due yet.
   */
  firstApprovedOn: string | null;
  /** The tests the plan in force requires (its section 11); other types are "not required". */
  requiredTypes: readonly ExerciseType[];
  exercises: readonly ExerciseFacts[];
  cadence: ExerciseCadence;
  today: string;
}

const latest = (days: (string | null)[]) => days.reduce<string | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);
const earliest = (days: (string | null)[]) => days.reduce<string | null>((min, d) => (d !== null && (min === null || d < min) ? d : min), null);

/** For each scheduled type, in the standard order: last test, next due, and its red/amber/green state. */
export function exerciseSchedule(input: ScheduleInput): TypeSchedule[] {
  const { firstApprovedOn, exercises, cadence, today } = input;
  return EXERCISE_TYPES.map((type): TypeSchedule => {
    const lastOn = latest(exercises.filter((e) => countsAs(e) === type).map((e) => e.held_on));
    const ofType = exercises.filter((e) => e.type === type);
    const plannedOn = earliest(ofType.filter((e) => effectiveStatus(e, today) === 'planned').map((e) => e.planned_on));
    // A miss is forgiven by a test completed after it (or by recording it as cancelled).
    const missedOn = latest(ofType.filter((e) => effectiveStatus(e, today) === 'missed' && (lastOn === null || (e.planned_on ?? '') > lastOn)).map((e) => e.planned_on));
    const required = input.requiredTypes.includes(type);
    const from = lastOn ?? firstApprovedOn;
    // A type the plan does not require is never due, though its tests still count.
    const nextDueOn = !required || firstApprovedOn === null || from === null ? null : addMonthsToDay(from, cadence[type]);

    let state: TestState;
    if (!required) state = 'not_required';
    else if (nextDueOn === null) state = 'not_approved';
    else if (missedOn !== null) state = 'missed';
    else if (nextDueOn < today) state = 'overdue';
    // Amber is a prompt to book one: an exercise already planned by the due date keeps it green.
    else if (nextDueOn <= soonLimit(today) && !(plannedOn !== null && plannedOn <= nextDueOn)) state = 'due_soon';
    else state = 'on_track';
    return { type, required, lastOn, nextDueOn, plannedOn, missedOn, state, rag: RAG_OF_STATE[state] };
  });
}

export type ReviewDueState = 'overdue' | 'due_soon' | 'on_track' | 'not_approved';
export const REVIEW_DUE_STATE_LABELS: Record<ReviewDueState, string> = {
  overdue: 'Review overdue',
  due_soon: 'Review due soon',
  on_track: 'On track',
  not_approved: 'Not approved yet',
};

/** The plan's review, by the next review date of the version in force; null if none was approved. */
export function planReviewState(nextReviewOn: string | null, today: string): { state: ReviewDueState; rag: Rag | null } {
  if (nextReviewOn === null) return { state: 'not_approved', rag: null };
  if (nextReviewOn < today) return { state: 'overdue', rag: 'red' };
  if (nextReviewOn <= soonLimit(today)) return { state: 'due_soon', rag: 'amber' };
  return { state: 'on_track', rag: 'green' };
}

const RAG_RANK: Record<Rag, number> = { green: 1, amber: 2, red: 3 };
const rank = (rag: Rag | null) => (rag === null ? 0 : RAG_RANK[rag]);

/** The worst of several states; null when none applies (nothing approved, nothing required). */
export function worstRag(rags: (Rag | null)[]): Rag | null {
  return rags.reduce<Rag | null>((worst, rag) => (rank(rag) > rank(worst) ? rag : worst), null);
}

/** A test overdue or missed: what the risk page and the quality findings warn of. */
export function hasOverdueTest(schedule: readonly TypeSchedule[]): boolean {
  return schedule.some((s) => s.rag === 'red');
}

/** A plan is overdue when a test is overdue or missed, or its review is overdue: the home page counts these. */
export function isPlanOverdue(schedule: readonly TypeSchedule[], review: { state: ReviewDueState }): boolean {
  return hasOverdueTest(schedule) || review.state === 'overdue';
}

export interface BoardStanding {
  ref: string;
  rag: Rag | null;
  /** How many of the plan's tests and review are red. */
  reds: number;
  /** The earliest due date among its tests and review, if any. */
  firstDueOn: string | null;
  openFindings: number;
}

/**
 * Worst first: red before amber before green before nothing due; then more reds first; then
 * the earliest due date; then more open findings; then by reference, so the order is stable.
 */
export function compareWorstFirst(a: BoardStanding, b: BoardStanding): number {
  return (
    rank(b.rag) - rank(a.rag) ||
    b.reds - a.reds ||
    (a.firstDueOn ?? '9999-12-31').localeCompare(b.firstDueOn ?? '9999-12-31') ||
    b.openFindings - a.openFindings ||
    a.ref.localeCompare(b.ref)
  );
}

/** A finding still open whose due date has passed. */
export function isFindingOverdue(finding: { status: FindingStatus; due_on: string | null }, today: string): boolean {
  return finding.status !== 'closed' && finding.due_on !== null && finding.due_on < today;
}

/**
 * Why a plan version cannot close a finding, or null if it can: it must be an approved version
 * of the plan, later than the version exercised (a finding is fixed by a change to the plan).
 */
export function closingVersionProblem(chosen: number, exercisedVersion: number | null, approvedVersions: readonly number[]): string | null {
  if (!approvedVersions.includes(chosen)) return 'Select an approved version of the plan';
  if (exercisedVersion !== null && chosen <= exercisedVersion) return `Select a version later than version ${exercisedVersion}, the one exercised`;
  return null;
}

/**
 * The recovery time achieved against the tightest RTO of the plan's critical activities: met
 * when every activity would have been back within its RTO. Null when either is not known.
 */
export function recoveryAgainstRto(recoveryHours: number | null, rtoHours: readonly (number | null)[]): { rtoHours: number; met: boolean } | null {
  const known = rtoHours.filter((h): h is number => h !== null);
  if (recoveryHours === null || known.length === 0) return null;
  const tightest = Math.min(...known);
  return { rtoHours: tightest, met: recoveryHours <= tightest };
}
