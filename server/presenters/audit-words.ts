import type { AuditEntityWords, AuditField, FieldFormat } from '../domain/audit';
import { ACTION_STATUS_LABELS, INFLUENCE_LABELS, TREATMENTS } from '../domain/vocabulary';
import { ACTION_FIELD_LABELS } from '../forms/action-form';
import { RISK_FIELD_LABELS } from '../forms/risk-form';
import { ROLE_LABELS } from '../domain/roles';
import { EXERCISE_KIND_LABELS, EXERCISE_RESULT_LABELS, EXERCISE_STATUS_LABELS, FINDING_STATUS_LABELS } from '../domain/exercise-vocabulary';
import { EXERCISE_FIELD_LABELS } from '../forms/exercise-form';
import { FINDING_FIELD_LABELS } from '../forms/finding-form';
import { NODE_KIND_LABELS } from '../domain/org-tree';
import { CATEGORY_FIELD_LABELS, OBJECTIVE_FIELD_LABELS } from '../forms/list-forms';

// How each kind of record reads in the audit history. Labels are the forms' own, so the
// history speaks the words people typed into; later record kinds add their entry here.

function labelled(labels: Record<string, string>, formats: Record<string, FieldFormat>): Record<string, AuditField> {
  return Object.fromEntries(Object.entries(labels).map(([key, label]) => [key, { label, format: formats[key] ?? 'text' }]));
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const RISK_FORMATS: Record<string, FieldFormat> = {
  cause: 'long',
  event: 'long',
  effect: 'long',
  existing_controls: 'long',
  closure_reason: 'long',
  reason_for_move: 'full',
  category_id: { names: 'categories' },
  objective_id: { names: 'objectives' },
  owner_id: { names: 'people' },
  manager_id: { names: 'people' },
  identified_on: 'day',
  closed_on: 'day',
  treatment: { choices: Object.fromEntries(TREATMENTS.map((t) => [t, capitalised(t)])) },
  influence: { choices: INFLUENCE_LABELS },
  status: { choices: { open: 'Open', closed: 'Closed' } },
  inherent_likelihood: 'number',
  inherent_impact: 'number',
  current_likelihood: 'number',
  current_impact: 'number',
  target_likelihood: 'number',
  target_impact: 'number',
};

const REVIEW_LABELS: Record<string, string> = {
  reviewed_on: 'Date of review',
  reviewer_id: 'Reviewer',
  current_likelihood: 'Current likelihood',
  current_impact: 'Current impact',
  commentary: 'Issues identified',
  mitigating_action: 'Mitigating action taken',
  further_action: 'Further action',
  still_valid: 'Still valid',
};

export const AUDIT_WORDS: Record<string, AuditEntityWords> = {
  risk: { noun: 'Risk', fields: labelled({ ...RISK_FIELD_LABELS, register: 'Register', reason_for_move: 'Reason for the move' }, RISK_FORMATS) },
  action: {
    noun: 'Action',
    shownOnCreate: ['owner_id', 'due_on', 'status'],
    fields: labelled(ACTION_FIELD_LABELS, {
      owner_id: { names: 'people' },
      due_on: 'day',
      completed_on: 'day',
      status: { choices: ACTION_STATUS_LABELS },
    }),
  },
  review: {
    noun: 'Review',
    created: 'recorded',
    shownOnCreate: ['reviewed_on', 'reviewer_id', 'current_likelihood', 'current_impact', 'commentary', 'still_valid'],
    fields: labelled(REVIEW_LABELS, {
      reviewed_on: 'day',
      reviewer_id: { names: 'people' },
      current_likelihood: 'number',
      current_impact: 'number',
      commentary: 'long',
      mitigating_action: 'long',
      further_action: 'long',
      still_valid: { choices: { 1: 'Yes', 0: 'No' } },
    }),
  },
  user: {
    noun: 'User',
    shownOnCreate: ['email', 'job_title'],
    fields: {
      name: { label: 'Name', format: 'text' },
      email: { label: 'Email address', format: 'text' },
      job_title: { label: 'Job title', format: 'text' },
      password: { label: 'Password', format: 'text' },
      disabled_on: { label: 'Disabled on', format: 'day' },
    },
  },
  exercise: {
    noun: 'Exercise',
    created: 'recorded',
    shownOnCreate: ['type', 'status', 'planned_on', 'held_on', 'result'],
    fields: labelled(EXERCISE_FIELD_LABELS, {
      type: { choices: EXERCISE_KIND_LABELS },
      status: { choices: EXERCISE_STATUS_LABELS },
      planned_on: 'day',
      held_on: 'day',
      plan_version_number: 'number',
      coordinator_id: { names: 'people' },
      participants: 'long',
      scenario: 'long',
      objectives: 'long',
      result: { choices: EXERCISE_RESULT_LABELS },
      recovery_hours: 'number',
      lessons: 'long',
    }),
  },
  finding: {
    noun: 'Exercise finding',
    shownOnCreate: ['owner_id', 'due_on', 'status'],
    fields: labelled(FINDING_FIELD_LABELS, {
      owner_id: { names: 'people' },
      due_on: 'day',
      status: { choices: FINDING_STATUS_LABELS },
      closed_by_version_number: 'number',
      closed_on: 'day',
    }),
  },
  // One event per applied spreadsheet import (docs/spreadsheets.md); each risk it wrote has its own.
  import: {
    noun: 'Spreadsheet import',
    created: 'applied',
    shownOnCreate: ['file_name', 'rows', 'added', 'changed'],
    fields: {
      file_name: { label: 'File', format: 'text' },
      sha256: { label: 'SHA-256 of the file', format: 'text' },
      rows: { label: 'Rows read', format: 'number' },
      added: { label: 'Risks added', format: 'text' },
      changed: { label: 'Risks changed', format: 'text' },
      unchanged: { label: 'Rows left alone', format: 'number' },
    },
  },
  // A secret calendar feed URL (docs/calendar-feeds.md): who can see a node's calendar from outside.
  calendar_feed: {
    noun: 'Calendar feed',
    shownOnCreate: ['owner', 'node'],
    fields: {
      owner: { label: 'For', format: 'text' },
      node: { label: 'Calendar of', format: 'text' },
      revoked: { label: 'Revoked', format: 'text' },
    },
  },
  plan_link: {
    noun: 'Continuity plan link',
    created: 'linked',
    shownOnCreate: ['plan'],
    fields: { plan: { label: 'Plan', format: 'text' } },
  },
  role: {
    noun: 'Role',
    shownOnCreate: ['role', 'where'],
    fields: {
      role: { label: 'Role', format: { choices: ROLE_LABELS } },
      where: { label: 'Where', format: 'text' },
    },
  },
  node: {
    noun: 'Part of the organisation',
    shownOnCreate: ['kind', 'name', 'code'],
    fields: {
      kind: { label: 'Kind', format: { choices: NODE_KIND_LABELS } },
      name: { label: 'Name', format: 'text' },
      code: { label: 'Code', format: 'text' },
      parent_id: { label: 'Under (node number)', format: 'number' },
      retired_on: { label: 'Retired on', format: 'day' },
    },
  },
  site: {
    noun: 'Site',
    shownOnCreate: ['address', 'works_here'],
    fields: {
      name: { label: 'Name', format: 'text' },
      address: { label: 'Address', format: 'text' },
      works_here: { label: 'Who works there', format: 'text' },
    },
  },
  category: {
    noun: 'Category',
    shownOnCreate: ['appetite_rank'],
    fields: {
      name: { label: CATEGORY_FIELD_LABELS.name ?? 'Name', format: 'text' },
      appetite_rank: { label: 'Appetite (matrix level)', format: 'number' },
      sort_order: { label: 'Position', format: 'number' },
    },
  },
  risk_link: {
    noun: 'Link between levels',
    created: 'made',
    shownOnCreate: ['kind', 'higher_risk', 'lower_risk', 'reason'],
    fields: {
      kind: { label: 'Kind', format: { choices: { escalated: 'Escalated to', contributes: 'Contributes to' } } },
      higher_risk: { label: 'Higher risk', format: 'text' },
      lower_risk: { label: 'Lower risk', format: 'text' },
      reason: { label: 'Reason', format: 'full' },
      removed_reason: { label: 'Reason for removing the link', format: 'full' },
    },
  },
  risk_proposal: {
    noun: 'Proposal to another register',
    created: 'made',
    shownOnCreate: ['kind', 'to_register', 'reason'],
    fields: {
      kind: { label: 'Kind', format: { choices: { escalation: 'Escalation', 'de-escalation': 'De-escalation' } } },
      to_register: { label: 'To register', format: 'text' },
      reason: { label: 'Reason', format: 'full' },
      status: { label: 'Decision', format: { choices: { proposed: 'Waiting', accepted: 'Accepted', declined: 'Declined' } } },
      accepted_as: { label: 'Accepted as', format: 'text' },
      proposed_from: { label: 'Proposed from', format: 'text' },
      decision_reason: { label: 'Reason for declining', format: 'full' },
    },
  },
  escalation_dismissal: {
    noun: 'Suggestion to escalate',
    created: 'dismissed',
    shownOnCreate: ['to', 'reason'],
    fields: { to: { label: 'Suggested to', format: 'text' }, reason: { label: 'Reason', format: 'full' } },
  },
  duplicate_decision: {
    noun: 'Likely duplicate',
    created: 'judged not a duplicate',
    shownOnCreate: ['other_risk', 'reason'],
    fields: { other_risk: { label: 'Other risk', format: 'text' }, reason: { label: 'Reason', format: 'full' } },
  },
  risk_acceptance: {
    noun: 'Risk acceptance',
    created: 'recorded',
    shownOnCreate: ['approver', 'accepted_on', 'level', 'expires_on', 'justification'],
    fields: {
      approver: { label: 'Approved by', format: 'text' },
      accepted_on: { label: 'Accepted on', format: 'day' },
      level: { label: 'Level accepted', format: 'text' },
      expires_on: { label: 'Expires on', format: 'day' },
      justification: { label: 'Justification', format: 'full' },
    },
  },
  objective: {
    noun: 'Strategic objective',
    fields: {
      title: { label: OBJECTIVE_FIELD_LABELS.title ?? 'Strategic objective', format: 'text' },
      sort_order: { label: 'Position', format: 'number' },
    },
  },
};

export function auditWordsOf(entityType: string): AuditEntityWords | undefined {
  return Object.hasOwn(AUDIT_WORDS, entityType) ? AUDIT_WORDS[entityType] : undefined;
}
