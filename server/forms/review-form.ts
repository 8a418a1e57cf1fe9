import { z } from 'zod';
import { formatDay } from '../domain/dates';
import { choice, dateField, idChoice, optionalText, requiredText, scaleValue, versionField } from './fields';

export const reviewSchema = z.object({
  reviewed_on: dateField('Date of the review', 'Enter the date of the review'),
  reviewer_id: idChoice('Select who carried out the review'),
  current_likelihood: scaleValue('Select the current likelihood'),
  current_impact: scaleValue('Select the current impact'),
  commentary: requiredText('Enter the issues identified at this review', 'Issues identified', 4000),
  mitigating_action: optionalText('Mitigating action taken', 4000),
  further_action: optionalText('Further action', 4000),
  still_valid: choice(['yes', 'no'], 'Select whether the risk is still valid'),
  /** The risk's version: the review rescores the risk, so a stale form must not overwrite it. */
  version: versionField,
});

/** Date rules that need the risk and today: reviews are evidence, recorded in order and never ahead of time. */
export function reviewDateProblem(reviewedOn: string, today: string, identifiedOn: string, lastReviewedOn: string | null): string | null {
  if (reviewedOn > today) return 'Date of the review must be today or in the past';
  if (reviewedOn < identifiedOn) return `Date of the review must be the same as or after ${formatDay(identifiedOn)}, when the risk was identified`;
  if (lastReviewedOn !== null && reviewedOn < lastReviewedOn) return `Date of the review must be the same as or after ${formatDay(lastReviewedOn)}, the date of the last review`;
  return null;
}
