import { z } from 'zod';
import type { ExerciseDetailRow } from '../queries/exercises';
import { EXERCISE_KINDS, EXERCISE_RESULTS, EXERCISE_STATUSES, EXERCISE_TYPES } from '../domain/exercise-vocabulary';
import { DATE_PARTS } from './date-input';
import { formErrors, type FormErrors, type FormProblem } from './parse';
import { choice, dateField, optionalDateField, optionalHours, optionalIdChoice, optionalText, requiredText, versionField } from './fields';

const TEXT = 4000;

const common = {
  plan_version_number: optionalIdChoice('Select the version of the plan exercised from the list'),
  coordinator_id: optionalIdChoice('Select the coordinator from the list'),
  participants: optionalText('Participants', TEXT),
  scenario: optionalText('Scenario', TEXT),
  objectives: optionalText('Objectives', TEXT),
};

const outcome = {
  result: z
    .union([z.literal(''), z.enum(EXERCISE_RESULTS)], { error: 'Select the result from the list' })
    .optional()
    .transform((value) => (value === undefined || value === '' ? null : value)),
  recovery_hours: optionalHours('Enter the recovery time in hours, for example 4 or 2.5'),
  lessons: optionalText('Lessons learned', TEXT),
};

/**
 * A new test of one of the three types: planned, or already held and recorded with its outcome
 * in the same post. Its one date is the day planned for, or the day it was held.
 */
export const newExerciseSchema = z
  .object({
    type: choice(EXERCISE_TYPES, 'Select the type of exercise'),
    happened: choice(['no', 'yes'], 'Select whether the exercise has happened yet'),
    exercise_on: dateField('Date of the exercise', 'Enter the date of the exercise'),
    ...common,
    ...outcome,
  })
  .superRefine((form, ctx) => {
    if (form.happened === 'yes' && form.result === null) ctx.addIssue({ code: 'custom', path: ['result'], message: 'Select the result of the exercise' });
    if (form.happened === 'no' && form.result !== null) {
      ctx.addIssue({ code: 'custom', path: ['result'], message: 'Only an exercise that has happened has a result: select Yes, or clear the result' });
    }
  });

export type NewExerciseForm = z.output<typeof newExerciseSchema>;

/** A test that has happened is dated today or earlier; a planned one may be dated any day. */
export function newExerciseDateErrors(form: NewExerciseForm, today: string): FormErrors {
  return formErrors(form.happened === 'yes' && form.exercise_on > today
    ? [['exercise_on', 'Date of the exercise must be today or in the past if it has happened', DATE_PARTS]]
    : []);
}

/** The exercise a new-exercise form records: planned for its date, or completed on it with its result. */
export function newExerciseRecord(form: NewExerciseForm) {
  const { happened, exercise_on, ...rest } = form;
  return happened === 'yes'
    ? { ...rest, status: 'completed' as const, planned_on: exercise_on, held_on: exercise_on }
    : { ...rest, status: 'planned' as const, planned_on: exercise_on, held_on: null };
}

/** A real invocation, recorded after the event; it is never planned. */
export const invocationSchema = z
  .object({
    held_on: dateField('Date the plan was invoked', 'Enter the date the plan was invoked'),
    ...common,
    scenario: requiredText('Describe what happened', 'What happened', TEXT),
    ...outcome,
  })
  .superRefine((form, ctx) => {
    if (form.result === null) ctx.addIssue({ code: 'custom', path: ['result'], message: 'Select how the response went' });
  });

/** The whole record: its plan, its outcome and its status. */
export const editExerciseSchema = z
  .object({
    type: choice(EXERCISE_KINDS, 'Select the type of exercise'),
    status: choice(EXERCISE_STATUSES, 'Select the status of the exercise'),
    planned_on: optionalDateField('Planned date'),
    held_on: optionalDateField('Date held'),
    ...common,
    ...outcome,
    version: versionField,
  })
  .superRefine((form, ctx) => {
    const issue = (path: string, message: string, parts?: readonly string[]) => ctx.addIssue({ code: 'custom', path: [path], message, ...(parts ? { params: { parts } } : {}) });
    if (form.type !== 'real_invocation' && form.planned_on === null) issue('planned_on', 'Enter the planned date', DATE_PARTS);
    if (form.status === 'completed') {
      if (form.held_on === null) issue('held_on', 'Enter the date the exercise was held', DATE_PARTS);
      if (form.result === null) issue('result', 'Select the result of the exercise');
    } else {
      if (form.held_on !== null) issue('held_on', 'Only a completed exercise has a date held: select Completed, or clear the date', DATE_PARTS);
      if (form.result !== null) issue('result', 'Only a completed exercise has a result: select Completed, or clear the result');
    }
  });

/**
 * Checks that need the database or today: people and versions exist (a draft only when the form
 * offers one), nothing is held in the future.
 */
export function exerciseChoiceErrors(
  form: { coordinator_id: number | null; plan_version_number: number | null; held_on?: string | null },
  choices: { people: { everyone: readonly { id: number }[] }; versions: readonly { number: number }[]; draftOffered: boolean },
  today: string,
): FormErrors {
  const problems: FormProblem[] = [];
  if (form.coordinator_id !== null && !choices.people.everyone.some((p) => p.id === form.coordinator_id)) problems.push(['coordinator_id', 'Select the coordinator from the list']);
  const versionExists = form.plan_version_number === null ? choices.draftOffered : choices.versions.some((v) => v.number === form.plan_version_number);
  if (!versionExists) problems.push(['plan_version_number', 'Select the version of the plan exercised from the list']);
  if (form.held_on && form.held_on > today) problems.push(['held_on', 'Date held must be today or in the past', DATE_PARTS]);
  return formErrors(problems);
}

export const EXERCISE_FIELD_LABELS: Record<string, string> = {
  type: 'Type',
  status: 'Status',
  planned_on: 'Planned date',
  held_on: 'Date held',
  plan_version_number: 'Version exercised',
  coordinator_id: 'Coordinator',
  participants: 'Participants',
  scenario: 'Scenario',
  objectives: 'Objectives',
  result: 'Result',
  recovery_hours: 'Recovery time achieved (hours)',
  lessons: 'Lessons learned',
};

export function exerciseFormValues(exercise: ExerciseDetailRow): Record<string, string> {
  const text = (value: string | number | null) => (value === null ? '' : String(value));
  return {
    type: exercise.type,
    status: exercise.status,
    planned_on: text(exercise.planned_on),
    held_on: text(exercise.held_on),
    plan_version_number: text(exercise.plan_version_number),
    coordinator_id: text(exercise.coordinator_id),
    participants: exercise.participants,
    scenario: exercise.scenario,
    objectives: exercise.objectives,
    result: text(exercise.result),
    recovery_hours: text(exercise.recovery_hours),
    lessons: exercise.lessons,
    version: String(exercise.version),
  };
}
