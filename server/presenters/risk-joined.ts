import type { Db } from '../../db/connection';
import type { Clock } from '../clock';
import { today } from '../clock';
import { ACCEPTANCE_STANDING_LABELS, acceptanceStanding, needsAcceptance } from '../domain/acceptance';
import { levelOf } from '../domain/matrix';
import { PROPOSAL_STATUS_COLOURS, PROPOSAL_STATUS_LABELS } from '../domain/vocabulary';
import { isReadable, type ReadableNodeIds } from '../domain/roles';
import { currentFindings } from '../queries/quality-findings';
import { loadMatrix } from '../queries/reference';
import { acceptanceFactsOfRisk, linksAroundRisk, listAcceptancesOfRisk, proposalsAroundRisk } from '../queries/risk-links';

// The risk page's joined-up sections (docs/joined-registers.md): its quality findings, its links
// up and down the organisation with the scores of the risks below, its proposals, and its acceptance.

const LINK_WORDS = { escalated: 'Escalated to', contributes: 'Contributes to' } as const;
const LINK_WORDS_BELOW = { escalated: 'Escalated from', contributes: 'Contributed to by' } as const;

export async function buildJoinedSections(db: Db, clock: Clock, riskId: number, readable: ReadableNodeIds) {
  const day = today(clock);
  const [findings, links, proposals, acceptances, matrix, facts] = await Promise.all([
    currentFindings(db, { riskIds: [riskId] }, day),
    linksAroundRisk(db, riskId),
    proposalsAroundRisk(db, riskId),
    listAcceptancesOfRisk(db, riskId),
    loadMatrix(db),
    acceptanceFactsOfRisk(db, riskId),
  ]);
  const shown = <T extends { node_id: number }>(rows: T[]) => rows.filter((row) => isReadable(readable, row.node_id));
  const withLevel = <T extends { current_level_rank: number; kind: 'escalated' | 'contributes' }>(rows: T[], words: typeof LINK_WORDS | typeof LINK_WORDS_BELOW) =>
    rows.map((row) => ({ ...row, level: levelOf(matrix, row.current_level_rank), words: words[row.kind] }));
  const up = withLevel(shown(links.up), LINK_WORDS);
  const down = withLevel(shown(links.down), LINK_WORDS_BELOW);
  const highestBelow = down.filter((l) => l.status === 'open').reduce<(typeof down)[number] | null>((best, l) => (best === null || l.current_score > best.current_score ? l : best), null);
  const latest = acceptances[0];
  const standing = acceptanceStanding(latest ?? null, facts?.current_level_rank ?? 0, day);
  return {
    findings,
    escalatedTo: up.filter((l) => l.kind === 'escalated').map((l) => l.reference),
    linksUp: up,
    linksDown: down,
    hasLinks: up.length + down.length > 0,
    unseenLinks: links.up.length + links.down.length - up.length - down.length,
    highestBelow,
    proposals: proposals.map((p) => ({
      ...p,
      kindWords: p.kind === 'escalation' ? 'Escalation' : 'De-escalation',
      statusLabel: PROPOSAL_STATUS_LABELS[p.status],
      statusColour: PROPOSAL_STATUS_COLOURS[p.status],
      fromHere: p.from_risk_id === riskId,
      // A proposal is read where it was sent: a unit's manager may see their risk escalated without reading the division's register.
      readable: isReadable(readable, p.register_node_id),
    })),
    acceptance: {
      needed: needsAcceptance({ treatment: facts?.treatment ?? '', aboveAppetite: facts?.above_appetite === 1 }),
      tolerated: facts?.treatment === 'tolerate',
      standing,
      standingLabel: ACCEPTANCE_STANDING_LABELS[standing],
      lapsed: standing === 'expired' || standing === 'risen',
      history: acceptances,
      shown: facts?.treatment === 'tolerate' || acceptances.length > 0,
    },
  };
}
