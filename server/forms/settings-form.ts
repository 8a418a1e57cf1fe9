import { z } from 'zod';
import { EXERCISE_TYPE_LABELS, EXERCISE_TYPES, REGISTER_KIND_LABELS, REGISTER_KINDS } from '../domain/vocabulary';
import type { Settings } from '../queries/reference';
import { ESCALATING_NODE_KINDS } from '../domain/escalation';

function wholeMonths(message: string, min: number, max: number, step = 1) {
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,3}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max && n % step === 0, message);
}

const reviewCadence = (kind: string) =>
  // Reviews are recorded per quarter, so a cadence is a whole number of quarters.
  wholeMonths(`Enter the review cadence of ${kind} registers in months: 3, 6, 9 and so on up to 36`, 3, 36, 3);

export const settingsSchema = z.object({
  fy_start_month: wholeMonths('Select the month the financial year starts', 1, 12),
  ...Object.fromEntries(REGISTER_KINDS.map((kind) => [`review_cadence_${kind}`, reviewCadence(kind)])),
  plan_review_months: wholeMonths('Enter the months between plan reviews, from 1 to 60', 1, 60),
  ...Object.fromEntries(EXERCISE_TYPES.map((type) => [`exercise_months_${type}`, wholeMonths('Enter the months between exercises of this type, from 1 to 120', 1, 120)])),
  ...Object.fromEntries(ESCALATING_NODE_KINDS.map((kind) => [`escalation_level_${kind}`, wholeMonths(`Select the level at which a ${kind}'s risks are suggested for escalation`, 1, 9)])),
  return_deadline_days: wholeMonths('Enter the days after a quarter ends by which its return is due, from 0 to 90', 0, 90),
}) as z.ZodType<Record<string, number>>;

export function settingsFromForm(form: Record<string, number>): Settings {
  const number = (key: string) => form[key] as number;
  return {
    fyStartMonth: number('fy_start_month'),
    reviewCadenceMonths: Object.fromEntries(REGISTER_KINDS.map((kind) => [kind, number(`review_cadence_${kind}`)])) as Settings['reviewCadenceMonths'],
    planReviewMonths: number('plan_review_months'),
    exerciseMonths: Object.fromEntries(EXERCISE_TYPES.map((type) => [type, number(`exercise_months_${type}`)])) as Settings['exerciseMonths'],
    escalationLevelRank: Object.fromEntries(ESCALATING_NODE_KINDS.map((kind) => [kind, number(`escalation_level_${kind}`)])) as Settings['escalationLevelRank'],
    returnDeadlineDays: number('return_deadline_days'),
  };
}

export function settingsFormValues(settings: Settings): Record<string, string> {
  return {
    fy_start_month: String(settings.fyStartMonth),
    ...Object.fromEntries(REGISTER_KINDS.map((kind) => [`review_cadence_${kind}`, String(settings.reviewCadenceMonths[kind])])),
    plan_review_months: String(settings.planReviewMonths),
    ...Object.fromEntries(EXERCISE_TYPES.map((type) => [`exercise_months_${type}`, String(settings.exerciseMonths[type])])),
    ...Object.fromEntries(ESCALATING_NODE_KINDS.map((kind) => [`escalation_level_${kind}`, String(settings.escalationLevelRank[kind])])),
    return_deadline_days: String(settings.returnDeadlineDays),
  };
}

export const SETTINGS_FIELD_LABELS: Record<string, string> = {
  fy_start_month: 'Financial year starts in',
  ...Object.fromEntries(REGISTER_KINDS.map((kind) => [`review_cadence_${kind}`, `Review cadence: ${REGISTER_KIND_LABELS[kind]} registers`])),
  plan_review_months: 'Plan review',
  ...Object.fromEntries(EXERCISE_TYPES.map((type) => [`exercise_months_${type}`, EXERCISE_TYPE_LABELS[type]])),
  ...Object.fromEntries(ESCALATING_NODE_KINDS.map((kind) => [`escalation_level_${kind}`, `Escalation suggested from a ${kind} at`])),
  return_deadline_days: 'Return deadline',
};
