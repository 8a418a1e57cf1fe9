import { EXERCISE_TYPE_LABELS, EXERCISE_TYPES, type ExerciseType } from './vocabulary';

// The words of exercising: what an exercise record can be. The three scheduled types (and
// their labels) are the plan format's own (plan-content.ts); a real invocation is recorded
// beside them and counts as a live exercise when lessons were logged.

export const EXERCISE_KINDS = [...EXERCISE_TYPES, 'real_invocation'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];
export const EXERCISE_KIND_LABELS: Record<ExerciseKind, string> = {
  ...EXERCISE_TYPE_LABELS,
  real_invocation: 'Real invocation of the plan',
};
export { EXERCISE_TYPES, EXERCISE_TYPE_LABELS, type ExerciseType };

export const EXERCISE_STATUSES = ['planned', 'completed', 'cancelled', 'missed'] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];
export const EXERCISE_STATUS_LABELS: Record<ExerciseStatus, string> = {
  planned: 'Planned',
  completed: 'Completed',
  cancelled: 'Cancelled',
  missed: 'Missed',
};

export const EXERCISE_RESULTS = ['passed', 'passed_with_issues', 'failed'] as const;
export type ExerciseResult = (typeof EXERCISE_RESULTS)[number];
export const EXERCISE_RESULT_LABELS: Record<ExerciseResult, string> = {
  passed: 'Passed',
  passed_with_issues: 'Passed with issues',
  failed: 'Failed',
};

export const FINDING_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  closed: 'Closed',
};
