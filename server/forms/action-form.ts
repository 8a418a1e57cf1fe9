import { z } from 'zod';
import { ACTION_STATUSES } from '../domain/vocabulary';
import { DATE_PARTS } from './date-input';
import { choice, optionalDateField, optionalIdChoice, requiredText, versionField } from './fields';

const actionFields = {
  description: requiredText('Describe the action', 'Action', 2000),
  owner_id: optionalIdChoice('Select the action owner from the list'),
  due_on: optionalDateField('Due date'),
  status: choice(ACTION_STATUSES, 'Select the status of the action'),
  completed_on: optionalDateField('Date completed'),
};

function requireCompletionDate(form: { status: string; completed_on: string | null }, ctx: z.RefinementCtx): void {
  if (form.status === 'completed' && form.completed_on === null) {
    ctx.addIssue({ code: 'custom', path: ['completed_on'], message: 'Enter the date the action was completed', params: { parts: DATE_PARTS } });
  }
}

export const newActionSchema = z.object(actionFields).superRefine(requireCompletionDate);
export const editActionSchema = z.object({ ...actionFields, version: versionField }).superRefine(requireCompletionDate);
export const completeActionSchema = z.object({ version: versionField });

export const ACTION_FIELD_LABELS: Record<string, string> = {
  description: 'Action',
  owner_id: 'Owner',
  due_on: 'Due date',
  status: 'Status',
  completed_on: 'Date completed',
};

export function actionFormValues(action: { description: string; owner_id: number | null; due_on: string | null; status: string; completed_on: string | null; version: number }): Record<string, string> {
  return {
    description: action.description,
    owner_id: action.owner_id === null ? '' : String(action.owner_id),
    due_on: action.due_on ?? '',
    status: action.status,
    completed_on: action.completed_on ?? '',
    version: String(action.version),
  };
}
