import type { Clock } from '../clock';
import { today } from '../clock';
import type { Db } from '../../db/connection';
import { isAboveAppetite, rate, type Matrix, type Rating } from '../domain/matrix';
import { formatQuarter, quarterOf } from '../domain/quarters';
import { reviewDueOn, reviewState, type ReviewTiming } from '../domain/reviews';
import { REVIEW_STATE_LABELS, type Direction, type RegisterKind, type ReviewState, type RiskStatus } from '../domain/vocabulary';
import { loadMatrix, loadSettings, type Settings } from '../queries/reference';

/** Everything needed to judge a risk: the matrix, the settings and today's date. Loaded once per request. */
export interface RiskRules {
  matrix: Matrix;
  settings: Settings;
  today: string;
  currentQuarterLabel: string;
}

export async function loadRiskRules(db: Db, clock: Clock): Promise<RiskRules> {
  const [matrix, settings] = await Promise.all([loadMatrix(db), loadSettings(db)]);
  const day = today(clock);
  return { matrix, settings, today: day, currentQuarterLabel: formatQuarter(quarterOf(day, settings.fyStartMonth), settings.fyStartMonth) };
}

export interface RiskFacts {
  reference: string;
  register_kind: RegisterKind;
  status: RiskStatus;
  identified_on: string;
  appetite_rank: number;
  current_likelihood: number;
  current_impact: number;
  target_likelihood: number;
  target_impact: number;
}

export interface RiskJudgement {
  reference: string;
  current: Rating;
  target: Rating;
  aboveAppetite: boolean;
  reviewDueOn: string | null;
  reviewState: ReviewState;
  reviewStateLabel: string;
}

export function judgeRisk(risk: RiskFacts, lastReviewedOn: string | null, rules: RiskRules): RiskJudgement {
  const current = rate(rules.matrix, risk.current_likelihood, risk.current_impact);
  const timing: ReviewTiming = {
    status: risk.status,
    identifiedOn: risk.identified_on,
    lastReviewedOn,
    cadenceMonths: rules.settings.reviewCadenceMonths[risk.register_kind],
    fyStartMonth: rules.settings.fyStartMonth,
  };
  const state = reviewState(timing, rules.today);
  return {
    reference: risk.reference,
    current,
    target: rate(rules.matrix, risk.target_likelihood, risk.target_impact),
    aboveAppetite: risk.status === 'open' && isAboveAppetite(current, risk.appetite_rank),
    reviewDueOn: risk.status === 'open' ? reviewDueOn(timing) : null,
    reviewState: state,
    reviewStateLabel: REVIEW_STATE_LABELS[state],
  };
}

/** The direction of travel as pages write it: an arrow, always with its words (in a key, in print, on the risk page). Up is a higher score: worse. */
export const DIRECTION_SYMBOLS: Record<Direction, { symbol: string; label: string }> = {
  up: { symbol: '↑', label: 'Worsening' },
  down: { symbol: '↓', label: 'Improving' },
  same: { symbol: '→', label: 'No change' },
  new: { symbol: '•', label: 'New' },
};
