import type { Role } from '../../server/domain/roles';
import type { ExerciseKind, ExerciseResult, ExerciseStatus, FindingStatus } from '../../server/domain/exercise-vocabulary';
import type { PlanContent } from '../../server/domain/plan-content';
import type {
  ActionStatus,
  ProtectiveMarking,
  Influence,
  NodeKind,
  RegisterKind,
  Treatment,
} from '../../server/domain/vocabulary';

/** [likelihood, impact], each 1..5. */
export type Score = [number, number];

export interface DemoSite {
  key: string;
  name: string;
  address: string;
}

export interface DemoNode {
  key: string;
  parentKey: string | null;
  kind: NodeKind;
  name: string;
  /** Short code used in risk references, e.g. SCCTD. */
  code: string;
  siteKeys: string[];
}

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  jobTitle: string;
  nodeKey: string;
}

export interface DemoRegister {
  key: string;
  nodeKey: string;
  kind: RegisterKind;
  name: string;
  /** Reference prefix: risks are numbered CODE-R01, CODE-R02... */
  code: string;
  /** Closed this many days ago, once its risks have moved (see DemoOrganisation.moves). */
  closedDaysAgo?: number;
}

/** A risk moved to another register after the load, keeping its reference. */
export interface DemoMove {
  /** The risk, by its title. */
  riskTitle: string;
  toRegisterKey: string;
  reason: string;
  daysAgo: number;
  /** Who moved it, by person key (a business manager of the demo). */
  byKey: string;
}

export interface DemoAction {
  description: string;
  /** Leave out to show an action with no owner (a quality finding). */
  ownerKey?: string;
  /** Days from today; negative is in the past. */
  dueInDays: number;
  status: ActionStatus;
  /** Required when status is completed. */
  completedDaysAgo?: number;
}

export interface DemoReview {
  /** 0 = the current quarter, 1 = the previous one... */
  quartersAgo: number;
  reviewerKey: string;
  current: Score;
  commentary: string;
  mitigatingAction: string;
  furtherAction: string;
  stillValid: boolean;
}

export interface DemoRisk {
  registerKey: string;
  title: string;
  cause: string;
  event: string;
  effect: string;
  /** One of DEFAULT_CATEGORIES. */
  category: string;
  /** One of the demo strategic objectives, by title. */
  objective: string;
  ownerKey: string;
  managerKey: string;
  identifiedMonthsAgo: number;
  treatment: Treatment;
  influence: Influence;
  inherent: Score;
  current: Score;
  target: Score;
  /** One control per entry. */
  controls: string[];
  actions: DemoAction[];
  /** Oldest first. The risk's current score should equal the last review's. */
  reviews: DemoReview[];
  closed?: { monthsAgo: number; reason: string };
}

/** A demo person who can sign in, with roles at nodes (null: the whole organisation). */
export interface DemoUser {
  personKey: string;
  roles: { role: Role; nodeKey: string | null }[];
}

export interface DemoPlanVersion {
  /** Approved this many months before today. */
  monthsAgo: number;
  approverKey: string;
  changeSummary: string;
  content: PlanContent;
}

export interface DemoPlan {
  nodeKey: string;
  /** The site the plan covers, or null for the whole node. */
  siteKey: string | null;
  title: string;
  ownerKey: string;
  marking: ProtectiveMarking;
  /** Oldest first; the last is in force, the others superseded. */
  approved: DemoPlanVersion[];
  draft?: { content: PlanContent; changeSummary: string; editor: string };
}

export interface DemoOrganisation {
  sites: DemoSite[];
  nodes: DemoNode[];
  people: DemoPerson[];
  users: DemoUser[];
  /** Every demo user's password: demo use only. */
  password: string;
  objectives: string[];
  registers: DemoRegister[];
  risks: DemoRisk[];
  plans: DemoPlan[];
  /** Exercises of the demo plans, their findings, and the risks plans respond to. */
  exercises?: DemoExercise[];
  planRisks?: DemoPlanRisk[];
  /** Risks moved between registers, in order; then registers with closedDaysAgo are closed. */
  moves?: DemoMove[];
}

/** A demo exercise, placed relative to today; the plan version exercised is the one in force on the day. */
export interface DemoExercise {
  /** The plan, by its title. */
  plan: string;
  type: ExerciseKind;
  status: ExerciseStatus;
  /** Days from today: negative in the past. Real invocations have no planned date. */
  plannedInDays?: number;
  heldInDays?: number;
  coordinatorKey: string;
  participants: string[];
  scenario: string;
  objectives: string[];
  result?: ExerciseResult;
  recoveryHours?: number;
  lessons?: string;
  findings?: DemoFinding[];
}

export interface DemoFinding {
  description: string;
  ownerKey: string;
  dueInDays: number;
  status: FindingStatus;
  /** Closed by the plan's version with this number, on the day it was approved. */
  closedByVersion?: number;
}

export interface DemoPlanRisk {
  /** The plan by its title, the risk by its title. */
  plan: string;
  risk: string;
}
