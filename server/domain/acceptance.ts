// Risk acceptance (docs/joined-registers.md): a risk tolerated above its appetite needs a
// named person's acceptance of its level until a date no later than its next review.

export interface AcceptanceTerms {
  level_rank: number;
  expires_on: string;
}

/** none: never accepted; valid; expired: past its expiry; risen: the current level is above the level accepted. */
export type AcceptanceStanding = 'none' | 'valid' | 'expired' | 'risen';

export const ACCEPTANCE_STANDING_LABELS: Record<AcceptanceStanding, string> = {
  none: 'Not accepted',
  valid: 'Accepted',
  expired: 'Acceptance lapsed: past its expiry',
  risen: 'Acceptance lapsed: the risk has risen above the level accepted',
};

/** The standing of a risk's latest acceptance today. */
export function acceptanceStanding(latest: AcceptanceTerms | null, currentLevelRank: number, today: string): AcceptanceStanding {
  if (!latest) return 'none';
  if (today > latest.expires_on) return 'expired';
  if (currentLevelRank > latest.level_rank) return 'risen';
  return 'valid';
}

/** Whether the treatment and level call for an acceptance at all. */
export function needsAcceptance(risk: { treatment: string; aboveAppetite: boolean }): boolean {
  return risk.treatment === 'tolerate' && risk.aboveAppetite;
}

export interface AcceptanceEntry {
  accepted_on: string;
  expires_on: string;
  level_rank: number;
}

/** What is wrong with an acceptance as entered, by field: checked against the risk as it is. */
export function acceptanceProblems(entry: AcceptanceEntry, risk: { currentLevelRank: number; reviewDueOn: string | null }, today: string): [field: string, message: string][] {
  const problems: [string, string][] = [];
  if (entry.accepted_on > today) problems.push(['accepted_on', 'The date accepted must be today or in the past']);
  if (entry.expires_on < entry.accepted_on) problems.push(['expires_on', 'The expiry date must be on or after the date accepted']);
  else if (entry.expires_on < today) problems.push(['expires_on', 'The expiry date must be today or in the future']);
  else if (risk.reviewDueOn !== null && entry.expires_on > risk.reviewDueOn) problems.push(['expires_on', `The expiry date must be no later than the risk's next review, due by ${risk.reviewDueOn}`]);
  if (entry.level_rank < risk.currentLevelRank) problems.push(['level_rank', 'The level accepted must be at least the risk\'s current level']);
  return problems;
}
