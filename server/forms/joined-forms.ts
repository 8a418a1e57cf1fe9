import { z } from 'zod';
import { dateField, idChoice, requiredText, versionField } from './fields';

// Forms of registers joined up across levels: escalating, linking, de-escalating, deciding
// proposals, dismissing suggestions, judging duplicates, accepting a risk.

const reason = (message: string) => requiredText(message, 'Reason', 2000);

export const escalateSchema = z.object({
  register_id: idChoice('Select the register to escalate the risk to'),
  reason: reason('Enter why the risk is escalated'),
  version: versionField,
});

export const linkSchema = z.object({
  reference: requiredText('Enter the reference of the higher risk, for example SCCTD-R07', 'Reference', 40),
  reason: reason('Enter how this risk contributes to the higher one'),
});

export const unlinkSchema = z.object({
  link: idChoice('The form is out of date: reload the page and try again'),
  reason: reason('Enter why the link is removed'),
});

/** `to` names a linked lower risk (risk-12) or a register below (register-5). */
export const deEscalateSchema = z.object({
  to: z.string({ error: 'Select where the risk goes' }).regex(/^(risk|register)-\d{1,9}$/, 'Select where the risk goes'),
  reason: reason('Enter why the risk is handed back down'),
  version: versionField,
});

export function deEscalationTarget(to: string): { kind: 'risk'; riskId: number } | { kind: 'register'; registerId: number } {
  const [kind, id] = to.split('-');
  return kind === 'risk' ? { kind: 'risk', riskId: Number(id) } : { kind: 'register', registerId: Number(id) };
}

export const declineSchema = z.object({ decision_reason: reason('Enter why the proposal is declined') });

export const dismissSchema = z.object({
  risk: idChoice('The form is out of date: reload the page and try again'),
  reason: reason('Enter why the risk need not be escalated'),
});

export const notDuplicateSchema = z.object({
  a: idChoice('The form is out of date: reload the page and try again'),
  b: idChoice('The form is out of date: reload the page and try again'),
  fingerprint: z.string({ error: 'The form is out of date: reload the page and try again' }).min(2),
  reason: reason('Enter why these are different risks'),
});

export const acceptanceSchema = z.object({
  approver_id: idChoice('Select who approved the acceptance'),
  accepted_on: dateField('Date accepted', 'Enter the date the risk was accepted'),
  level_rank: idChoice('Select the level accepted'),
  justification: requiredText('Enter why the risk is accepted at this level', 'Justification', 2000),
  expires_on: dateField('Expiry date', 'Enter the date the acceptance expires'),
});

