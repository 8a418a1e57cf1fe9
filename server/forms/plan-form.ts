import { z } from 'zod';
import { formatDay } from '../domain/dates';
import { PROTECTIVE_MARKINGS } from '../domain/vocabulary';
import { DATE_PARTS } from './date-input';
import { formErrors, type FormErrors } from './parse';
import { choice, dateField, idChoice, optionalIdChoice, requiredText, versionField } from './fields';

const planFields = {
  title: requiredText('Enter a title for the plan', 'Title', 200),
  site_id: optionalIdChoice('Select a site of this part of the organisation'),
  owner_id: idChoice('Select the owner of the plan'),
  protective_marking: choice(PROTECTIVE_MARKINGS, 'Select the protective marking'),
};

export const newPlanSchema = z.object({
  ...planFields,
  copy_from: optionalIdChoice('Select a plan to copy from the list, or start from the standard template'),
});

export const editPlanSchema = z.object({ ...planFields, version: versionField });

export const PLAN_FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  site_id: 'Site',
  owner_id: 'Owner',
  protective_marking: 'Protective marking',
};

export const approvePlanSchema = z.object({
  approver_id: idChoice('Select who approved the plan'),
  approved_on: dateField('Date approved', 'Enter the date the plan was approved'),
  change_summary: requiredText('Say what changed in this version', 'What changed', 2000),
  draft_id: idChoice('The form is out of date: reload the page and try again'),
  version: versionField,
});

/** An approval is dated today or earlier, and not before the version it replaces. */
export function approvalDateErrors(approvedOn: string, today: string, previousApprovedOn: string | null): FormErrors {
  if (approvedOn > today) return formErrors([['approved_on', 'Date approved must be today or in the past', DATE_PARTS]]);
  if (previousApprovedOn && approvedOn < previousApprovedOn) {
    return formErrors([['approved_on', `Date approved must be the same as or after ${formatDay(previousApprovedOn)}, when the previous version was approved`, DATE_PARTS]]);
  }
  return formErrors([]);
}

/** Ids the schema accepted as numbers must also name records that exist. */
export function checkPlanChoices(
  form: { site_id: number | null; owner_id: number; copy_from?: number | null },
  choices: { sites: { id: number }[]; people: { id: number }[]; plans?: { id: number }[] },
): FormErrors {
  const has = (list: { id: number }[], id: number | null | undefined) => id === null || id === undefined || list.some((item) => item.id === id);
  const problems: [string, string][] = [];
  if (!has(choices.sites, form.site_id)) problems.push(['site_id', 'Select a site of this part of the organisation']);
  if (!has(choices.people, form.owner_id)) problems.push(['owner_id', 'Select the owner of the plan from the list']);
  if (!has(choices.plans ?? [], form.copy_from)) problems.push(['copy_from', 'Select a plan to copy from the list']);
  return formErrors(problems);
}
