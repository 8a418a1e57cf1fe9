import type { RiskRow } from '../../db/schema';
import type { Influence } from './vocabulary';

// Escalation between levels of the organisation (docs/joined-registers.md): which risks are
// suggested to the level above, and what a proposal carries.

/** The kinds of node whose risks can go up: the organisation has no parent. */
export const ESCALATING_NODE_KINDS = ['division', 'unit', 'team'] as const;
export type EscalatingNodeKind = (typeof ESCALATING_NODE_KINDS)[number];

/** Very high from any level to the one above: the default of the 5×5 policy, which an admin can lower per kind of node. */
export const DEFAULT_ESCALATION_LEVELS: Record<EscalatingNodeKind, number> = { division: 4, unit: 4, team: 4 };

export type EscalationTrigger = 'level' | 'outside-control' | 'above-appetite-twice';

export const ESCALATION_TRIGGER_LABELS: Record<EscalationTrigger, string> = {
  level: 'Current level at or above the escalation level',
  'outside-control': 'Outside our control, one level below the escalation level',
  'above-appetite-twice': 'Above appetite at the last two quarterly reviews',
};

export interface EscalationFacts {
  currentLevelRank: number;
  influence: Influence;
  /** Whether each of the last two reviews rated the risk above its category's appetite (fewer than two reviews: false). */
  aboveAppetiteAtLastTwoReviews: boolean;
}

/**
 * Why a risk should go up to its parent's register, if it should: at or above the level set for
 * its kind of node; a risk the node cannot control one level lower (it cannot manage it down
 * alone); or above appetite two quarters running (its own mitigation is not working).
 */
export function escalationTriggers(risk: EscalationFacts, escalationLevelRank: number): EscalationTrigger[] {
  const triggers: EscalationTrigger[] = [];
  if (risk.currentLevelRank >= escalationLevelRank) triggers.push('level');
  else if (risk.influence === 'outside' && risk.currentLevelRank >= escalationLevelRank - 1) triggers.push('outside-control');
  if (risk.aboveAppetiteAtLastTwoReviews) triggers.push('above-appetite-twice');
  return triggers;
}

/** A dismissed suggestion stays dismissed until the risk rises above the level it had when dismissed. */
export function isDismissalStanding(dismissedAtLevelRank: number, currentLevelRank: number): boolean {
  return currentLevelRank <= dismissedAtLevelRank;
}

/** The fields of a risk a proposal carries to the other register, pre-filled from the original as it was. */
export const PROPOSED_RISK_FIELDS = [
  'title', 'cause', 'event', 'effect', 'category_id', 'objective_id', 'owner_id', 'manager_id', 'treatment', 'influence',
  'inherent_likelihood', 'inherent_impact', 'current_likelihood', 'current_impact', 'target_likelihood', 'target_impact', 'existing_controls',
] as const satisfies readonly (keyof RiskRow)[];

export type ProposedRiskFields = Pick<RiskRow, (typeof PROPOSED_RISK_FIELDS)[number]>;

/** Those fields alone, in that order: what a proposal stores as JSON. */
export function proposedFieldsOf(risk: ProposedRiskFields): ProposedRiskFields {
  return Object.fromEntries(PROPOSED_RISK_FIELDS.map((field) => [field, risk[field]])) as ProposedRiskFields;
}

/** An escalation waiting this many days for a decision is a quality finding. */
export const PROPOSAL_WAIT_DAYS = 30;
