import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  ActionStatus,
  AuditAction,
  Direction,
  Influence,
  NodeKind,
  RegisterKind,
  PlanVersionStatus,
  ProposalKind,
  ProposalStatus,
  RiskLinkKind,
  RiskStatus,
  Treatment,
} from '../server/domain/vocabulary';
import type { Role } from '../server/domain/roles';
import type { ExerciseKind, ExerciseResult, ExerciseStatus, ExerciseType, FindingStatus } from '../server/domain/exercise-vocabulary';

// Dates are ISO strings: 'yyyy-MM-dd' for days, full ISO for instants.
type Timestamp = ColumnType<string, string | undefined, string>;

export interface NodeTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: NodeKind;
  name: string;
  code: string;
  retired_on: string | null;
  version: Generated<number>;
}

export interface SiteTable {
  id: Generated<number>;
  name: string;
  address: string;
}

export interface NodeSiteTable {
  node_id: number;
  site_id: number;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  email: string;
  job_title: string;
  node_id: number | null;
}

export interface CategoryTable {
  id: Generated<number>;
  name: string;
  /** Highest acceptable matrix level rank for risks of this category. */
  appetite_rank: number;
  sort_order: number;
}

export interface ObjectiveTable {
  id: Generated<number>;
  title: string;
  sort_order: number;
}

export interface MatrixLevelTable {
  rank: number;
  name: string;
  colour: string;
  text_colour: string;
}

export interface MatrixLabelTable {
  axis: 'likelihood' | 'impact';
  value: number;
  label: string;
  description: string;
}

export interface MatrixCellTable {
  likelihood: number;
  impact: number;
  score: number;
  level_rank: number;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface RegisterTable {
  id: Generated<number>;
  node_id: number;
  kind: RegisterKind;
  name: string;
  code: string;
  /** A closed register takes no new risks; its risks and history stay readable. */
  closed_on: string | null;
  version: Generated<number>;
  /** The number the next new risk is given; never goes back, so no reference is given twice. */
  next_ref_number: Generated<number>;
}

export interface RiskTable {
  id: Generated<number>;
  register_id: number;
  /** Number within the present register; minus the risk's id for a risk that moved in (it keeps its reference). */
  ref_number: number;
  /** The reference as given (SCCTD-R04), never changed: filled by a trigger on insert when not given. */
  reference: Generated<string>;
  title: string;
  cause: string;
  event: string;
  effect: string;
  category_id: number;
  objective_id: number | null;
  owner_id: number | null;
  manager_id: number | null;
  identified_on: string;
  status: RiskStatus;
  closed_on: string | null;
  closure_reason: string | null;
  treatment: Treatment;
  influence: Influence;
  inherent_likelihood: number;
  inherent_impact: number;
  current_likelihood: number;
  current_impact: number;
  target_likelihood: number;
  target_impact: number;
  /** One control per line. */
  existing_controls: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionTable {
  id: Generated<number>;
  risk_id: number;
  description: string;
  owner_id: number | null;
  due_on: string | null;
  status: ActionStatus;
  completed_on: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Reviews are evidence: the database refuses UPDATE and DELETE on them. */
export interface ReviewTable {
  id: Generated<number>;
  risk_id: number;
  /** Financial year's first calendar year and quarter, e.g. 2026 and 3 for 2026-27 Q3. */
  fy_year: number;
  fy_quarter: number;
  reviewed_on: string;
  reviewer_id: number | null;
  inherent_likelihood: number;
  inherent_impact: number;
  current_likelihood: number;
  current_impact: number;
  target_likelihood: number;
  target_impact: number;
  /** Current score looked up in the matrix at the time of the review. */
  current_score: number;
  direction: Direction;
  commentary: string;
  mitigating_action: string;
  further_action: string;
  still_valid: number;
  /** The level the current score had when the review was recorded: evidence, never re-rated. */
  level_rank: number | null;
  level_name: string | null;
  level_colour: string | null;
  level_text_colour: string | null;
  created_at: Timestamp;
}

export interface PlanTable {
  id: Generated<number>;
  node_id: number;
  /** The site a team's or unit's plan covers, when it covers one site. */
  site_id: number | null;
  /** Stable reference printed on every page, e.g. BCP-SCCTD-CT-LON. */
  ref: string;
  title: string;
  owner_id: number | null;
  protective_marking: string;
  retired_on: string | null;
  /** Optimistic concurrency for the plan's details (title, owner, marking). */
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * A plan's content at one moment. At most one draft per plan; approving freezes it as version
 * `number`. Approved versions are evidence: the database refuses changes to them and their
 * deletion, apart from approved -> superseded.
 */
export interface PlanVersionTable {
  id: Generated<number>;
  plan_id: number;
  /** NULL while draft; 1, 2, 3... once approved. */
  number: number | null;
  status: PlanVersionStatus;
  /** JSON of `PlanContent` (server/domain/plan-content.ts). */
  content: string;
  approver_id: number | null;
  approved_on: string | null;
  next_review_on: string | null;
  change_summary: string;
  /** JSON of the settings in force at approval (Settings, server/queries/reference.ts); NULL on drafts and versions approved before it was kept. */
  settings_at_approval: string | null;
  /** Name of whoever saved the draft last (the signed-in actor): shown to a person whose save is refused as stale. */
  updated_by: Generated<string>;
  /** Optimistic concurrency for draft edits. */
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  person_id: number;
  /** scrypt, with its parameters and salt: see server/access/passwords.ts. */
  password_hash: string;
  disabled_on: string | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  /** The node the role covers with everything below it; null for the whole organisation. */
  node_id: number | null;
  created_at: Timestamp;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SignInFailureTable {
  /** The email as typed, trimmed and lower-cased, whether or not anyone has it. */
  email_key: string;
  failures: number;
  last_failed_at: string;
}

export type SecurityEventKind = 'sign_in_failed' | 'address_locked' | 'lock_cleared';

/** The security log: append-only (triggers refuse changes). */
export interface SecurityEventTable {
  id: Generated<number>;
  at: string;
  kind: SecurityEventKind;
  email_key: string;
  user_id: number | null;
  actor_user_id: number | null;
  detail: Generated<string>;
}

/** One exercise of a plan, or a real invocation; whether it is due is computed when read. */
export interface ExerciseTable {
  id: Generated<number>;
  plan_id: number;
  /** The approved version exercised; null when only a draft existed. */
  plan_version_number: number | null;
  type: ExerciseKind;
  /** 'planned' past its date is shown as missed without being stored as such. */
  status: ExerciseStatus;
  /** Null only for a real invocation, which is never planned. */
  planned_on: string | null;
  /** The actual date; set when completed. */
  held_on: string | null;
  coordinator_id: number | null;
  /** One participant per line. */
  participants: Generated<string>;
  scenario: Generated<string>;
  objectives: Generated<string>;
  result: ExerciseResult | null;
  /** Time taken to recover the critical activities, compared with their RTO. */
  recovery_hours: number | null;
  lessons: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A finding of an exercise: an action with an owner, a due date, and the plan version that fixed it. */
export interface ExerciseFindingTable {
  id: Generated<number>;
  exercise_id: number;
  description: string;
  owner_id: number | null;
  due_on: string | null;
  status: FindingStatus;
  closed_by_version_number: number | null;
  closed_on: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A risk and a plan that responds to it. */
export interface PlanRiskTable {
  risk_id: number;
  plan_id: number;
  created_at: Timestamp;
}

/** Append-only history of every change: the database refuses UPDATE and DELETE. */
export interface AuditEventTable {
  id: Generated<number>;
  /** ISO instant of the change. */
  at: string;
  /** Null for scripts and the demo loader. */
  actor_user_id: number | null;
  /** The actor's name as it was when the change was made. */
  actor_name: string;
  /** 'risk', 'action', 'review', 'user', 'role', 'setting', 'plan', 'exercise'… */
  entity_type: string;
  entity_id: number;
  /** What the changed record was called then, e.g. a risk's reference and title. */
  subject: Generated<string>;
  /** The node the record belongs to, for filtering history by part of the organisation. */
  node_id: number | null;
  /** The risk the record belongs to (the risk itself, or an action's or review's risk). */
  risk_id: number | null;
  action: AuditAction;
  /** JSON of the changed fields only: their values before and after. */
  before: string | null;
  after: string | null;
}

/**
 * What pages filter, sort and count risks by, kept by triggers in the same transaction as any
 * change (migration 008_stored_facts); `risk_facts_fresh` computes the same from scratch.
 */
export interface RiskFactsTable {
  risk_id: number;
  node_id: number;
  register_kind: RegisterKind;
  register_code: string;
  ref_number: number;
  category_id: number;
  owner_id: number | null;
  status: RiskStatus;
  current_likelihood: number;
  current_impact: number;
  current_score: number;
  current_level_rank: number;
  target_score: number;
  target_level_rank: number;
  above_appetite: number;
  last_reviewed_on: string | null;
  last_direction: Direction | null;
  /** Null once closed. */
  review_due_on: string | null;
}

/** A plan's standing that does not depend on today, kept like risk_facts. JSON columns are text. */
export interface PlanFactsTable {
  plan_id: number;
  node_id: number;
  retired: number;
  approved_number: number | null;
  approved_on: string | null;
  first_approved_on: string | null;
  next_review_on: string | null;
  has_draft: number;
  required_tests: string;
  missing_sections: string;
  missing_count: number;
  rto_hours: string;
  draft_missing_count: number;
}

/** Per plan and test type: whether required, the last test and the next due date. */
export interface PlanTestFactsTable {
  plan_id: number;
  type: ExerciseType;
  required: number;
  last_on: string | null;
  next_due_on: string | null;
}

/** Each open action of an open risk, with its node and due date (kept like risk_facts). */
export interface OpenActionFactsTable {
  action_id: number;
  risk_id: number;
  node_id: number;
  due_on: string | null;
}

/** A lower risk linked to a risk in an ancestor node's register (migration 011_joined_registers). */
export interface RiskLinkTable {
  id: Generated<number>;
  from_risk_id: number;
  to_risk_id: number;
  kind: RiskLinkKind;
  reason: string;
  created_at: string;
  created_by_user_id: number | null;
  created_by_name: string;
  removed_at: string | null;
  removed_by_user_id: number | null;
  removed_reason: string | null;
}

/** A risk proposed to another register, up or down, until that register's manager decides. */
export interface RiskProposalTable {
  id: Generated<number>;
  kind: ProposalKind;
  from_risk_id: number;
  register_id: number;
  /** JSON of `ProposedRiskFields` (server/domain/escalation.ts). */
  fields: string;
  reason: string;
  proposed_at: string;
  proposed_by_user_id: number | null;
  proposed_by_name: string;
  status: Generated<ProposalStatus>;
  decided_at: string | null;
  decided_by_user_id: number | null;
  decided_by_name: string | null;
  decision_reason: string | null;
  accepted_risk_id: number | null;
}

export interface EscalationDismissalTable {
  id: Generated<number>;
  risk_id: number;
  node_id: number;
  level_rank: number;
  reason: string;
  dismissed_at: string;
  dismissed_by_user_id: number | null;
  dismissed_by_name: string;
}

export interface DuplicateDecisionTable {
  id: Generated<number>;
  risk_a_id: number;
  risk_b_id: number;
  fingerprint: string;
  reason: string;
  decided_at: string;
  decided_by_user_id: number | null;
  decided_by_name: string;
}

export interface RiskAcceptanceTable {
  id: Generated<number>;
  risk_id: number;
  approver_id: number;
  approver_name: string;
  accepted_on: string;
  level_rank: number;
  level_name: string;
  justification: string;
  expires_on: string;
  recorded_at: string;
  recorded_by_user_id: number | null;
  recorded_by_name: string;
}

/** Counters moved by triggers on any change to what they watch (migration 011: 'findings'). */
export interface ChangeCounterTable {
  name: string;
  version: number;
}

/** A spreadsheet kept between its import's dry run and its apply (docs/spreadsheets.md). */
export interface SpreadsheetUploadTable {
  id: Generated<number>;
  node_id: number;
  user_id: number;
  file_name: string;
  sha256: string;
  bytes: Buffer;
  created_at: string;
  applied_at: string | null;
  /** JSON: { added, changed } once applied. */
  applied_summary: string | null;
}

/** A secret calendar feed URL of one user for one node (docs/calendar-feeds.md). */
export interface CalendarFeedTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the token in the URL; the token itself is never stored. */
  token_hash: string;
  user_id: number;
  node_id: number;
  created_at: string;
  /** Set when the user revokes it, or when the user is disabled; the feed then answers 410. */
  revoked_at: string | null;
}

export interface ReferenceVersionTable {
  name: string;
  version: number;
}

export type ReturnState = 'submitted' | 'challenged' | 'responded' | 'accepted';
export type ReturnEventKind = 'submitted' | 'challenged' | 'responded' | 'accepted';

/** A register's quarterly return from its submission on; a quarter with no row is a draft. */
export interface ReturnTable {
  id: Generated<number>;
  register_id: number;
  fy_year: number;
  fy_quarter: number;
  state: ReturnState;
  version: Generated<number>;
  submitted_at: string;
  submitted_by_user_id: number | null;
  submitted_by_name: string;
  accepted_at: string | null;
  accepted_by_name: string | null;
  findings_count: Generated<number>;
  risks_count: Generated<number>;
}

/** The return's timeline: append-only (triggers refuse UPDATE and DELETE). */
export interface ReturnEventTable {
  id: Generated<number>;
  return_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  kind: ReturnEventKind;
  note: string;
}

/** HQ's challenge of a return: never edited (a correction is a new challenge). */
export interface ReturnChallengeTable {
  id: Generated<number>;
  return_id: number;
  target: 'return' | 'risk' | 'finding';
  risk_id: number | null;
  risk_reference: string | null;
  finding_code: string | null;
  text: string;
  created_at: string;
  created_by_user_id: number | null;
  created_by_name: string;
}

/** The one answer to a challenge, optionally pointing at a risk changed since. */
export interface ReturnAnswerTable {
  id: Generated<number>;
  challenge_id: number;
  text: string;
  risk_id: number | null;
  created_at: string;
  created_by_user_id: number | null;
  created_by_name: string;
}

/** The register as submitted: canonical JSON and its SHA-256; triggers refuse UPDATE and DELETE. */
export interface ReturnSnapshotTable {
  id: Generated<number>;
  return_id: number;
  taken_at: string;
  json: string;
  sha256: string;
  level_colours: Generated<string>;
}

export interface Database {
  nodes: NodeTable;
  sites: SiteTable;
  node_sites: NodeSiteTable;
  people: PersonTable;
  categories: CategoryTable;
  objectives: ObjectiveTable;
  matrix_levels: MatrixLevelTable;
  matrix_labels: MatrixLabelTable;
  matrix_cells: MatrixCellTable;
  settings: SettingTable;
  registers: RegisterTable;
  risks: RiskTable;
  actions: ActionTable;
  reviews: ReviewTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  security_events: SecurityEventTable;
  exercises: ExerciseTable;
  exercise_findings: ExerciseFindingTable;
  plan_risks: PlanRiskTable;
  audit_events: AuditEventTable;
  risk_facts: RiskFactsTable;
  risk_facts_fresh: RiskFactsTable;
  plan_facts: PlanFactsTable;
  plan_facts_fresh: PlanFactsTable;
  plan_test_facts: PlanTestFactsTable;
  plan_test_facts_fresh: PlanTestFactsTable;
  open_action_facts: OpenActionFactsTable;
  open_action_facts_fresh: OpenActionFactsTable;
  reference_versions: ReferenceVersionTable;
  risk_links: RiskLinkTable;
  change_counters: ChangeCounterTable;
  risk_proposals: RiskProposalTable;
  escalation_dismissals: EscalationDismissalTable;
  duplicate_decisions: DuplicateDecisionTable;
  risk_acceptances: RiskAcceptanceTable;
  returns: ReturnTable;
  return_events: ReturnEventTable;
  return_challenges: ReturnChallengeTable;
  return_answers: ReturnAnswerTable;
  return_snapshots: ReturnSnapshotTable;
  spreadsheet_uploads: SpreadsheetUploadTable;
  calendar_feeds: CalendarFeedTable;
}

export type NodeRow = Selectable<NodeTable>;
export type PersonRow = Selectable<PersonTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type ObjectiveRow = Selectable<ObjectiveTable>;
export type RegisterRow = Selectable<RegisterTable>;
export type RiskRow = Selectable<RiskTable>;
export type NewRisk = Insertable<RiskTable>;
export type RiskUpdate = Updateable<RiskTable>;
export type ActionRow = Selectable<ActionTable>;
export type NewAction = Insertable<ActionTable>;
export type ReviewRow = Selectable<ReviewTable>;
export type NewReview = Insertable<ReviewTable>;
export type PlanRow = Selectable<PlanTable>;
export type NewPlan = Insertable<PlanTable>;
export type PlanVersionRow = Selectable<PlanVersionTable>;
export type NewPlanVersion = Insertable<PlanVersionTable>;
export type UserRow = Selectable<UserTable>;
export type RoleGrantRow = Selectable<RoleGrantTable>;
export type ExerciseRow = Selectable<ExerciseTable>;
export type NewExercise = Insertable<ExerciseTable>;
export type ExerciseFindingRow = Selectable<ExerciseFindingTable>;
export type NewExerciseFinding = Insertable<ExerciseFindingTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
