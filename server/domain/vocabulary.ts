// Fixed vocabularies: values the code branches on. Admin-editable lists
// (categories, strategic objectives) live in the database instead.

export const NODE_KINDS = ['organisation', 'division', 'unit', 'team'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const REGISTER_KINDS = ['divisional', 'unit', 'project', 'case', 'thematic'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];
export const REGISTER_KIND_LABELS: Record<RegisterKind, string> = {
  divisional: 'Divisional (strategic)',
  unit: 'Unit or location (operational)',
  project: 'Project',
  case: 'Casework',
  thematic: 'Thematic',
};

/** Kinds of business continuity exercise, each with its own cadence (a setting). */
export const EXERCISE_TYPES = ['call_cascade', 'tabletop', 'live'] as const;
export type ExerciseType = (typeof EXERCISE_TYPES)[number];
export const EXERCISE_TYPE_LABELS: Record<ExerciseType, string> = {
  call_cascade: 'Call cascade and communications test',
  tabletop: 'Tabletop exercise',
  live: 'Live exercise',
};

export const TREATMENTS = ['treat', 'tolerate', 'transfer', 'terminate'] as const;
export type Treatment = (typeof TREATMENTS)[number];

export const INFLUENCES = ['within', 'partly', 'outside'] as const;
export type Influence = (typeof INFLUENCES)[number];
export const INFLUENCE_LABELS: Record<Influence, string> = {
  within: 'Within our control',
  partly: 'Partly within our control',
  outside: 'Outside our control',
};

export const RISK_STATUSES = ['open', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const ACTION_STATUSES = ['not_started', 'in_progress', 'completed', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** Statuses of an action still to be done: the only ones that can be overdue. */
export const OPEN_ACTION_STATUSES: ActionStatus[] = ['not_started', 'in_progress'];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const RISK_LINK_KINDS = ['escalated', 'contributes'] as const;
export type RiskLinkKind = (typeof RISK_LINK_KINDS)[number];

export const PROPOSAL_KINDS = ['escalation', 'de-escalation'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'declined'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = { proposed: 'Waiting for a decision', accepted: 'Accepted', declined: 'Declined' };
/** The govuk-tag colour of each state of a proposal. */
export const PROPOSAL_STATUS_COLOURS: Record<ProposalStatus, string> = { proposed: 'yellow', accepted: 'green', declined: 'grey' };

export const DIRECTIONS = ['up', 'down', 'same', 'new'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const REVIEW_STATES = ['overdue', 'due', 'reviewed', 'not_due', 'closed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  overdue: 'Review overdue',
  due: 'Review due this quarter',
  reviewed: 'Reviewed this quarter',
  not_due: 'Not yet due',
  closed: 'Closed',
};

export const PLAN_VERSION_STATUSES = ['draft', 'approved', 'superseded'] as const;
export type PlanVersionStatus = (typeof PLAN_VERSION_STATUSES)[number];
export const PLAN_VERSION_STATUS_LABELS: Record<PlanVersionStatus, string> = {
  draft: 'Draft',
  approved: 'Approved',
  superseded: 'Superseded',
};

/** Government Security Classifications as printed on a plan; a plan holds staff phone numbers, so OFFICIAL-SENSITIVE is the default. */
export const PROTECTIVE_MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET'] as const;
export type ProtectiveMarking = (typeof PROTECTIVE_MARKINGS)[number];

/** The default admin lists, seeded by the first migration. */
export const DEFAULT_CATEGORIES = [
  'Strategic',
  'Operational',
  'Casework',
  'Project',
  'Financial',
  'People',
  'Reputational',
  'Information',
  'Health and safety',
] as const;

/** What happened to a record, as the audit history records it. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
