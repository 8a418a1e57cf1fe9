import { z } from 'zod';
import type { RiskDetailRow } from '../queries/risks';
import { INFLUENCES, TREATMENTS } from '../domain/vocabulary';
import { DATE_PARTS } from './date-input';
import { formErrors, type FormErrors, type FormProblem } from './parse';
import { choice, dateField, idChoice, optionalDateField, optionalIdChoice, optionalText, requiredText, scaleValue, versionField } from './fields';

const TEXT = 2000;

const riskFields = {
  title: requiredText('Enter a title for the risk', 'Title', 200),
  cause: requiredText('Enter the cause: why this could happen', 'Cause', TEXT),
  event: requiredText('Enter the event: what could happen', 'Event', TEXT),
  effect: requiredText('Enter the effect: what it would lead to', 'Effect', TEXT),
  category_id: idChoice('Select a category'),
  objective_id: optionalIdChoice('Select a strategic objective from the list'),
  owner_id: optionalIdChoice('Select the risk owner from the list'),
  manager_id: optionalIdChoice('Select the risk manager from the list'),
  identified_on: dateField('Date identified', 'Enter the date the risk was identified'),
  treatment: choice(TREATMENTS, 'Select how the risk is treated'),
  influence: choice(INFLUENCES, 'Select how far the risk is within our control'),
  inherent_likelihood: scaleValue('Select the inherent likelihood'),
  inherent_impact: scaleValue('Select the inherent impact'),
  current_likelihood: scaleValue('Select the current likelihood'),
  current_impact: scaleValue('Select the current impact'),
  target_likelihood: scaleValue('Select the target likelihood'),
  target_impact: scaleValue('Select the target impact'),
  existing_controls: optionalText('Existing controls', 8000),
};

export const newRiskSchema = z.object({ register_id: idChoice('Select the register this risk belongs to'), ...riskFields });

export const editRiskSchema = z
  .object({
    ...riskFields,
    status: choice(['open', 'closed'], 'Select whether the risk is open or closed'),
    closed_on: optionalDateField('Date closed'),
    closure_reason: optionalText('Reason for closing', TEXT),
    version: versionField,
  })
  .superRefine((form, ctx) => {
    if (form.status !== 'closed') return;
    if (form.closed_on === null) ctx.addIssue({ code: 'custom', path: ['closed_on'], message: 'Enter the date the risk was closed' });
    if (form.closure_reason === '') ctx.addIssue({ code: 'custom', path: ['closure_reason'], message: 'Enter the reason for closing the risk' });
  });

/** Date rules that need today: nothing is identified or closed in the future, nor closed before it was identified. */
export function riskDateErrors(form: { identified_on: string; status?: string; closed_on?: string | null }, today: string): FormErrors {
  const problems: FormProblem[] = [];
  if (form.identified_on > today) problems.push(['identified_on', 'Date identified must be today or in the past', DATE_PARTS]);
  if (form.status === 'closed' && form.closed_on) {
    if (form.closed_on > today) problems.push(['closed_on', 'Date closed must be today or in the past', DATE_PARTS]);
    else if (form.closed_on < form.identified_on) problems.push(['closed_on', 'Date closed must be the same as or after the date identified', DATE_PARTS]);
  }
  return formErrors(problems);
}

/** The saved risk as form values, for the edit form and for comparing with a stale submission. */
export function riskFormValues(risk: RiskDetailRow): Record<string, string> {
  const text = (value: string | number | null) => (value === null ? '' : String(value));
  return {
    title: risk.title,
    cause: risk.cause,
    event: risk.event,
    effect: risk.effect,
    category_id: text(risk.category_id),
    objective_id: text(risk.objective_id),
    owner_id: text(risk.owner_id),
    manager_id: text(risk.manager_id),
    identified_on: risk.identified_on,
    treatment: risk.treatment,
    influence: risk.influence,
    inherent_likelihood: text(risk.inherent_likelihood),
    inherent_impact: text(risk.inherent_impact),
    current_likelihood: text(risk.current_likelihood),
    current_impact: text(risk.current_impact),
    target_likelihood: text(risk.target_likelihood),
    target_impact: text(risk.target_impact),
    existing_controls: risk.existing_controls,
    status: risk.status,
    closed_on: text(risk.closed_on),
    closure_reason: text(risk.closure_reason),
    version: text(risk.version),
  };
}

export const RISK_FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  cause: 'Cause',
  event: 'Event',
  effect: 'Effect',
  category_id: 'Category',
  objective_id: 'Strategic objective',
  owner_id: 'Risk owner',
  manager_id: 'Risk manager',
  identified_on: 'Date identified',
  treatment: 'Treatment',
  influence: 'Degree of influence',
  inherent_likelihood: 'Inherent likelihood',
  inherent_impact: 'Inherent impact',
  current_likelihood: 'Current likelihood',
  current_impact: 'Current impact',
  target_likelihood: 'Target likelihood',
  target_impact: 'Target impact',
  existing_controls: 'Existing controls',
  status: 'Status',
  closed_on: 'Date closed',
  closure_reason: 'Reason for closing',
};
