import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import { format } from 'date-fns/format';
import { needsAcceptance, type AcceptanceStanding } from './acceptance';
import { PROPOSAL_WAIT_DAYS } from './escalation';

// Quality findings (docs/joined-registers.md): computed from the register as it is, never
// typed. Each rule is a pure function of one risk's facts with a stable code, a severity, a
// reason in plain words and the form that fixes it. The inspectors' words: risks "lack clear
// countermeasures, or it is unclear why they are risks at all"; HQ "gives no quality feedback".

export type FindingSeverity = 'high' | 'medium' | 'low';

/** One open risk's facts, as the rules need them; loaded in bulk by server/queries/quality-findings.ts. */
export interface RiskFindingFacts {
  riskId: number;
  nodeId: number;
  ownerId: number | null;
  existingControls: string;
  openActions: number;
  overdueActions: number;
  openActionsWithoutOwner: number;
  openActionsWithoutDueDate: number;
  aboveAppetite: boolean;
  reviewOverdue: boolean;
  currentScore: number;
  targetScore: number;
  /** The current score went down (since the last review, or at it) with no action completed over that time. */
  loweredWithoutCompletedAction: boolean;
  treatment: string;
  acceptance: AcceptanceStanding;
  undecidedDuplicates: number;
  linkedPlansWithOverdueTest: number;
  /** The earliest day this risk's escalation still waiting for a decision was proposed. */
  escalationWaitingSince: string | null;
  today: string;
}

export interface FindingRule {
  code: string;
  severity: FindingSeverity;
  label: string;
  fires(risk: RiskFindingFacts): boolean;
  reason(risk: RiskFindingFacts): string;
  fixHref(risk: RiskFindingFacts): string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const hasControls = (risk: RiskFindingFacts) => risk.existingControls.trim() !== '';
const edit = (risk: RiskFindingFacts) => `/risks/${risk.riskId}/edit`;
const newAction = (risk: RiskFindingFacts) => `/risks/${risk.riskId}/actions/new`;
const section = (name: string) => (risk: RiskFindingFacts) => `/risks/${risk.riskId}#${name}`;

export const FINDING_RULES: readonly FindingRule[] = [
  {
    code: 'no-owner', severity: 'high', label: 'No owner',
    fires: (r) => r.ownerId === null,
    reason: () => 'Nobody is accountable for this risk: it has no owner.',
    fixHref: edit,
  },
  {
    code: 'no-control-no-action', severity: 'high', label: 'No control and no action',
    fires: (r) => !hasControls(r) && r.openActions === 0,
    reason: () => 'It has no existing control and no further action: nothing is being done about it.',
    fixHref: newAction,
  },
  {
    code: 'above-appetite-no-action', severity: 'high', label: 'Above appetite, no action',
    fires: (r) => r.aboveAppetite && r.openActions === 0 && !needsAcceptance(r),
    reason: () => 'It is above its category\'s appetite and has no open further action to bring it down.',
    fixHref: newAction,
  },
  {
    code: 'review-overdue', severity: 'high', label: 'Review overdue',
    fires: (r) => r.reviewOverdue,
    reason: () => 'Its review is overdue: there is no evidence it was looked at this cycle.',
    fixHref: (r) => `/risks/${r.riskId}/reviews/new`,
  },
  {
    code: 'action-overdue', severity: 'medium', label: 'Action overdue',
    fires: (r) => r.overdueActions > 0,
    reason: (r) => `${plural(r.overdueActions, 'further action is', 'further actions are')} past the due date.`,
    fixHref: section('actions'),
  },
  {
    code: 'action-no-owner', severity: 'medium', label: 'Action without an owner',
    fires: (r) => r.openActionsWithoutOwner > 0,
    reason: (r) => `${plural(r.openActionsWithoutOwner, 'open action has', 'open actions have')} nobody to do it.`,
    fixHref: section('actions'),
  },
  {
    code: 'action-no-due-date', severity: 'low', label: 'Action without a due date',
    fires: (r) => r.openActionsWithoutDueDate > 0,
    reason: (r) => `${plural(r.openActionsWithoutDueDate, 'open action has', 'open actions have')} no due date.`,
    fixHref: section('actions'),
  },
  {
    code: 'target-above-current', severity: 'medium', label: 'Target above current',
    fires: (r) => r.targetScore > r.currentScore,
    reason: () => 'Its target score is higher than its current score: the target would make it worse.',
    fixHref: edit,
  },
  {
    code: 'lowered-without-action', severity: 'medium', label: 'Lowered with no action completed',
    fires: (r) => r.loweredWithoutCompletedAction,
    reason: () => 'Its current score went down, but no action was completed since the review before: what brought it down?',
    fixHref: section('actions'),
  },
  {
    code: 'tolerated-without-acceptance', severity: 'high', label: 'Tolerated above appetite, not accepted',
    fires: (r) => needsAcceptance(r) && r.acceptance === 'none',
    reason: () => 'It is tolerated above its appetite with no recorded acceptance by a named approver.',
    fixHref: (r) => `/risks/${r.riskId}/acceptances/new`,
  },
  {
    code: 'acceptance-lapsed', severity: 'high', label: 'Acceptance lapsed',
    fires: (r) => needsAcceptance(r) && (r.acceptance === 'expired' || r.acceptance === 'risen'),
    reason: (r) => (r.acceptance === 'expired' ? 'Its acceptance has passed its expiry date.' : 'It has risen above the level that was accepted.'),
    fixHref: (r) => `/risks/${r.riskId}/acceptances/new`,
  },
  {
    code: 'likely-duplicate', severity: 'low', label: 'Likely duplicate not decided',
    fires: (r) => r.undecidedDuplicates > 0,
    reason: (r) => `It reads like ${plural(r.undecidedDuplicates, 'risk')} elsewhere in the organisation: link them or say why not.`,
    fixHref: (r) => `/nodes/${r.nodeId}/duplicates`,
  },
  {
    code: 'plan-test-overdue', severity: 'medium', label: 'Linked plan test overdue',
    fires: (r) => r.linkedPlansWithOverdueTest > 0,
    reason: (r) => `${plural(r.linkedPlansWithOverdueTest, 'continuity plan', 'continuity plans')} responding to it ${r.linkedPlansWithOverdueTest === 1 ? 'has' : 'have'} an overdue test.`,
    fixHref: section('plans'),
  },
  {
    code: 'escalation-waiting', severity: 'medium', label: 'Escalation waiting over 30 days',
    fires: (r) => r.escalationWaitingSince !== null && escalationWaitedTooLong(r.escalationWaitingSince, r.today),
    reason: (r) => `Its escalation, proposed on ${r.escalationWaitingSince ?? ''}, has waited more than ${PROPOSAL_WAIT_DAYS} days for a decision.`,
    fixHref: section('links'),
  },
];

export const FINDING_LABELS: Readonly<Record<string, string>> = Object.fromEntries(FINDING_RULES.map((rule) => [rule.code, rule.label]));
export const FINDING_CODES: readonly string[] = FINDING_RULES.map((rule) => rule.code);

export function escalationWaitedTooLong(proposedOn: string, today: string): boolean {
  return format(addDays(parseISO(proposedOn.slice(0, 10)), PROPOSAL_WAIT_DAYS), 'yyyy-MM-dd') < today;
}

export interface RuleFinding {
  code: string;
  severity: FindingSeverity;
  label: string;
  reason: string;
  fixHref: string;
}

/** Every finding on one risk, most severe first (rules are listed in that spirit; severity decides). */
export function findingsOf(risk: RiskFindingFacts): RuleFinding[] {
  const order: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2 };
  return FINDING_RULES.filter((rule) => rule.fires(risk))
    .map((rule) => ({ code: rule.code, severity: rule.severity, label: rule.label, reason: rule.reason(risk), fixHref: rule.fixHref(risk) }))
    .sort((a, b) => order[a.severity] - order[b.severity]);
}

export interface ScoreHistory {
  currentScore: number;
  /** The latest review's score and day, and the one before it; null where there is none. */
  lastReview: { score: number; on: string } | null;
  previousReview: { score: number; on: string } | null;
  /** Days actions of the risk were completed on. */
  completedActionDays: readonly string[];
}

/**
 * "Current lowered with no completed action since the last review": the score is lower now
 * than at the last review and no action was completed since; or the last review lowered it and
 * no action was completed between the review before and that one.
 */
export function loweredWithoutCompletedAction(history: ScoreHistory): boolean {
  const { lastReview, previousReview, completedActionDays } = history;
  if (!lastReview) return false;
  const completedAfter = (from: string, to?: string) => completedActionDays.some((day) => day > from && (to === undefined || day <= to));
  if (history.currentScore < lastReview.score) return !completedAfter(lastReview.on);
  if (previousReview && lastReview.score < previousReview.score && history.currentScore === lastReview.score) return !completedAfter(previousReview.on, lastReview.on);
  return false;
}
