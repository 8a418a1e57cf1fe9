import { z } from 'zod';
import type { FindingDetailRow } from '../queries/exercises';
import { FINDING_STATUSES } from '../domain/exercise-vocabulary';
import { closingVersionProblem } from '../domain/exercise-due';
import { DATE_PARTS } from './date-input';
import { formErrors, type FormErrors, type FormProblem } from './parse';
import { choice, optionalDateField, optionalIdChoice, requiredText, versionField } from './fields';

const findingFields = {
  description: requiredText('Describe what the exercise found and what must change', 'Finding', 2000),
  owner_id: optionalIdChoice('Select the owner from the list'),
  due_on: optionalDateField('Due date'),
};

export const newFindingSchema = z.object(findingFields);

export const editFindingSchema = z
  .object({
    ...findingFields,
    status: choice(FINDING_STATUSES, 'Select the status of the finding'),
    closed_by_version_number: optionalIdChoice('Select the plan version that fixed it from the list'),
    closed_on: optionalDateField('Date closed'),
    version: versionField,
  })
  .superRefine((form, ctx) => {
    if (form.status !== 'closed') return;
    if (form.closed_by_version_number === null) ctx.addIssue({ code: 'custom', path: ['closed_by_version_number'], message: 'Select the plan version that fixed it' });
    if (form.closed_on === null) ctx.addIssue({ code: 'custom', path: ['closed_on'], message: 'Enter the date the finding was closed', params: { parts: DATE_PARTS } });
  });

/** Checks that need the database or today: the owner exists; a closure names a later approved version and is not in the future. */
export function findingChoiceErrors(
  form: { owner_id: number | null; status?: string; closed_by_version_number?: number | null; closed_on?: string | null },
  people: { everyone: readonly { id: number }[] },
  context: { exercisedVersion: number | null; approvedVersions: readonly number[]; today: string },
): FormErrors {
  const problems: FormProblem[] = [];
  if (form.owner_id !== null && !people.everyone.some((p) => p.id === form.owner_id)) problems.push(['owner_id', 'Select the owner from the list']);
  if (form.status === 'closed') {
    if (form.closed_by_version_number !== null && form.closed_by_version_number !== undefined) {
      const problem = closingVersionProblem(form.closed_by_version_number, context.exercisedVersion, context.approvedVersions);
      if (problem) problems.push(['closed_by_version_number', problem]);
    }
    if (form.closed_on && form.closed_on > context.today) problems.push(['closed_on', 'Date closed must be today or in the past', DATE_PARTS]);
  }
  return formErrors(problems);
}

export const FINDING_FIELD_LABELS: Record<string, string> = {
  description: 'Finding',
  owner_id: 'Owner',
  due_on: 'Due date',
  status: 'Status',
  closed_by_version_number: 'Fixed by plan version',
  closed_on: 'Date closed',
};

export function findingFormValues(finding: FindingDetailRow): Record<string, string> {
  const text = (value: string | number | null) => (value === null ? '' : String(value));
  return {
    description: finding.description,
    owner_id: text(finding.owner_id),
    due_on: text(finding.due_on),
    status: finding.status,
    closed_by_version_number: text(finding.closed_by_version_number),
    closed_on: text(finding.closed_on),
    version: String(finding.version),
  };
}
