import type { Influence, Treatment } from './vocabulary';

// Escalation between levels of the organisation (docs/joined-registers.md): which risks are
// suggested to the level above, and what a proposal carries.

/** The kinds of node whose risks can go up: the organisation has no parent. */
export const ESCALATING_NODE_KINDS = ['division', 'unit', 'team'] as const;
export type EscalatingNodeKind = (typeof ESCALATING_NODE_KINDS)[number];

/** Very high from a division to HQ; High from a unit or team to its division. */
export const DEFAULT_ESCALATION_LEVELS: Record<EscalatingNodeKind, number> = { division: 4, unit: 3, team: 3 };

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

/** What a proposal carries to the other register, pre-filled from the original as it was. */
export interface ProposedRiskFields {
  title: string;
  cause: string;
  event: string;
  effect: string;
  category_id: number;
  objective_id: number | null;
  owner_id: number | null;
  manager_id: number | null;
  treatment: Treatment;
  influence: Influence;
  inherent_likelihood: number;
  inherent_impact: number;
  current_likelihood: number;
  current_impact: number;
  target_likelihood: number;
  target_impact: number;
  existing_controls: string;
}

export function proposedFieldsOf(risk: ProposedRiskFields): ProposedRiskFields {
  return {
    title: risk.title,
    cause: risk.cause,
    event: risk.event,
    effect: risk.effect,
    category_id: risk.category_id,
    objective_id: risk.objective_id,
    owner_id: risk.owner_id,
    manager_id: risk.manager_id,
    treatment: risk.treatment,
    influence: risk.influence,
    inherent_likelihood: risk.inherent_likelihood,
    inherent_impact: risk.inherent_impact,
    current_likelihood: risk.current_likelihood,
    current_impact: risk.current_impact,
    target_likelihood: risk.target_likelihood,
    target_impact: risk.target_impact,
    existing_controls: risk.existing_controls,
  };
}

/** An escalation waiting this many days for a decision is a quality finding. */
export const PROPOSAL_WAIT_DAYS = 30;
