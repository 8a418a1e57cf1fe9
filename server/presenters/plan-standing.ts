import type { Db } from '../../db/connection';
import {
  exerciseSchedule,
  hasOverdueTest,
  isFindingOverdue,
  isPlanOverdue,
  planReviewState,
  REVIEW_DUE_STATE_LABELS,
  TEST_STATE_LABELS,
  worstRag,
  type Rag,
  type ReviewDueState,
  type TypeSchedule,
} from '../domain/exercise-due';
import { EXERCISE_TYPE_LABELS } from '../domain/exercise-vocabulary';
import type { MissingSection } from '../domain/plan-content';
import type { ExerciseType } from '../domain/exercise-vocabulary';
import { versionLabel } from '../domain/plans';
import { listExercisesOfPlans, listFindingsOfPlans, type ExerciseListRow, type FindingListRow } from '../queries/exercises';
import { loadSettings } from '../queries/reference';
import { listPlansOfNodes, type PlanListRow } from '../queries/plans';

// How each plan stands on testing and review today: the one place the board, the home page,
// the risk page, the plan's exercises page, the calendar and the printed section 11 get it from.

/** govuk-frontend tag colours for each state; the words beside them carry the meaning too. */
export const RAG_TAG: Record<Rag, string> = { red: 'red', amber: 'orange', green: 'green' };
export const tagOf = (rag: Rag | null) => (rag === null ? 'grey' : RAG_TAG[rag]);

export interface ScheduleCell extends TypeSchedule {
  label: string;
  stateLabel: string;
  tag: string;
}

export interface PlanStanding {
  plan: PlanListRow;
  versionLabel: string;
  approved: boolean;
  schedule: ScheduleCell[];
  review: { state: ReviewDueState; rag: Rag | null; label: string; tag: string; nextReviewOn: string | null };
  /** Worst of the tests and the review. */
  rag: Rag | null;
  tag: string;
  reds: number;
  overdue: boolean;
  testOverdue: boolean;
  /** Sections missing from the version in force, or from the draft of a plan never approved. */
  missing: MissingSection[];
  findings: FindingListRow[];
  openFindings: number;
  overdueFindings: number;
  exercises: ExerciseListRow[];
  /** The RTOs of the critical activities of the version in force. */
  rtoHours: (number | null)[];
}

export function scheduleCells(schedule: TypeSchedule[]): ScheduleCell[] {
  return schedule.map((s) => ({ ...s, label: EXERCISE_TYPE_LABELS[s.type], stateLabel: TEST_STATE_LABELS[s.state], tag: tagOf(s.rag) }));
}

/**
 * The standing of every plan (retired ones left out unless asked for) of the given nodes, or
 * only of the plans given, in reference order, in four queries. What it needs of each plan's
 * content (required tests, missing sections, RTOs) comes from the stored facts.
 */
export async function loadPlanStandings(db: Db, today: string, nodeIds: number[], options: { includeRetired?: boolean; planIds?: number[] } = {}): Promise<PlanStanding[]> {
  const plans = (await listPlansOfNodes(db, nodeIds, options.planIds)).filter((p) => options.includeRetired || p.retired_on === null);
  const planIds = plans.map((p) => p.id);
  const [exercises, findings, settings] = await Promise.all([
    listExercisesOfPlans(db, planIds),
    listFindingsOfPlans(db, planIds),
    loadSettings(db),
  ]);
  return plans.map((plan): PlanStanding => {
    const ofPlan = exercises.filter((e) => e.plan_id === plan.id);
    const schedule = exerciseSchedule({
      firstApprovedOn: plan.first_approved_on,
      requiredTypes: JSON.parse(plan.required_tests) as ExerciseType[],
      exercises: ofPlan,
      cadence: settings.exerciseMonths,
      today,
    });
    const review = planReviewState(plan.next_review_on, today);
    const planFindings = findings.filter((f) => f.plan_id === plan.id);
    const open = planFindings.filter((f) => f.status !== 'closed');
    const rag = worstRag([...schedule.map((s) => s.rag), review.rag]);
    return {
      plan,
      versionLabel: versionLabel(plan.approved_number, plan.approved_number),
      approved: plan.approved_number !== null,
      schedule: scheduleCells(schedule),
      review: { ...review, label: REVIEW_DUE_STATE_LABELS[review.state], tag: tagOf(review.rag), nextReviewOn: plan.next_review_on },
      rag,
      tag: tagOf(rag),
      reds: [...schedule.map((s) => s.rag), review.rag].filter((r) => r === 'red').length,
      overdue: isPlanOverdue(schedule, review),
      testOverdue: hasOverdueTest(schedule),
      missing: JSON.parse(plan.missing_sections) as MissingSection[],
      findings: planFindings,
      openFindings: open.length,
      overdueFindings: open.filter((f) => isFindingOverdue(f, today)).length,
      exercises: ofPlan,
      rtoHours: JSON.parse(plan.rto_hours) as (number | null)[],
    };
  });
}

/** The earliest date anything of the plan falls due, for ordering the board. */
export function firstDueOn(standing: PlanStanding): string | null {
  const days = [...standing.schedule.filter((s) => s.rag !== null).map((s) => s.nextDueOn), standing.review.nextReviewOn].filter((d): d is string => d !== null);
  return days.length === 0 ? null : days.reduce((a, b) => (a < b ? a : b));
}
