import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import { rememberedUntilChanged } from '../../db/counted-memory';
import { escalationTriggers, isDismissalStanding, type EscalatingNodeKind, type EscalationTrigger } from '../domain/escalation';
import { loadTree } from './nodes';

// Suggested escalations (docs/joined-registers.md): the open risks of a node's children that meet
// an escalation trigger, unless already linked or proposed to this node's registers, or
// dismissed here while no higher than they were.

export interface EscalationSuggestion {
  riskId: number;
  reference: string;
  title: string;
  nodeName: string;
  currentScore: number;
  currentLevelRank: number;
  triggers: EscalationTrigger[];
}

/**
 * The suggestions of a node, kept in memory until anything they read changes: every table they
 * read (risks and their facts, reviews, links, proposals, dismissals, categories, registers, the
 * tree and the settings) moves the 'findings' counter. For the organisation's node they were a
 * third of its register page (a thousand candidates and their last two reviews) on every view.
 */
export function escalationSuggestions(db: Db, nodeId: number, levels: Record<EscalatingNodeKind, number>): Promise<EscalationSuggestion[]> {
  return rememberedUntilChanged(db, 'findings', `escalation-suggestions:${nodeId}:${JSON.stringify(levels)}`, () => escalationSuggestionsNow(db, nodeId, levels));
}

/** The suggestions computed now, without the memory: what the memory must always equal. */
export async function escalationSuggestionsNow(db: Db, nodeId: number, levels: Record<EscalatingNodeKind, number>): Promise<EscalationSuggestion[]> {
  const tree = await loadTree(db);
  const children = tree.children(nodeId).filter((c) => c.retired_on === null && c.kind !== 'organisation');
  if (children.length === 0) return [];
  const lowest = Math.min(...children.map((c) => levels[c.kind as EscalatingNodeKind] ?? 99)) - 1;
  const candidates = await db
    .selectFrom('risk_facts as f')
    .innerJoin('risks as r', 'r.id', 'f.risk_id')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .where('f.node_id', 'in', children.map((c) => c.id))
    .where('f.status', '=', 'open')
    .where((eb) => eb.or([eb('f.current_level_rank', '>=', lowest), eb('f.above_appetite', '=', 1)]))
    // Not already linked to a risk of this node, nor waiting in one of its registers.
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('risk_links as l').innerJoin('risk_facts as h', 'h.risk_id', 'l.to_risk_id')
      .whereRef('l.from_risk_id', '=', 'r.id').where('l.removed_at', 'is', null).where('h.node_id', '=', nodeId).select('l.id'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('risk_proposals as p').innerJoin('registers as g', 'g.id', 'p.register_id')
      .whereRef('p.from_risk_id', '=', 'r.id').where('p.status', '=', 'proposed').where('g.node_id', '=', nodeId).select('p.id'))))
    .select(['r.id', 'r.reference', 'r.title', 'r.influence', 'f.node_id', 'f.current_score', 'f.current_level_rank', 'c.appetite_rank',
      sql<number | null>`(SELECT max(d.level_rank) FROM escalation_dismissals d WHERE d.risk_id = r.id AND d.node_id = ${nodeId}
        AND d.id = (SELECT max(e.id) FROM escalation_dismissals e WHERE e.risk_id = r.id AND e.node_id = ${nodeId}))`.as('dismissed_at_level')])
    .orderBy('f.current_score', 'desc')
    .orderBy('r.reference')
    .execute();
  if (candidates.length === 0) return [];
  // Above appetite at each of the last two reviews, as rated when recorded.
  const recent = await sql<{ risk_id: number; level_rank: number | null }>`
    SELECT risk_id, level_rank FROM (
      SELECT risk_id, level_rank, row_number() OVER (PARTITION BY risk_id ORDER BY reviewed_on DESC, id DESC) AS n
      FROM reviews WHERE risk_id IN (${sql.join(candidates.map((c) => c.id))})
    ) WHERE n <= 2`.execute(db);
  const reviewLevels = new Map<number, (number | null)[]>();
  for (const row of recent.rows) reviewLevels.set(row.risk_id, [...(reviewLevels.get(row.risk_id) ?? []), row.level_rank]);

  return candidates.flatMap((risk) => {
    const node = tree.byId.get(risk.node_id);
    const levels2 = reviewLevels.get(risk.id) ?? [];
    const triggers = escalationTriggers({
      currentLevelRank: risk.current_level_rank,
      influence: risk.influence,
      aboveAppetiteAtLastTwoReviews: levels2.length === 2 && levels2.every((rank) => rank !== null && rank > risk.appetite_rank),
    }, levels[node?.kind as EscalatingNodeKind] ?? 99);
    if (triggers.length === 0) return [];
    if (risk.dismissed_at_level !== null && isDismissalStanding(risk.dismissed_at_level, risk.current_level_rank)) return [];
    return [{ riskId: risk.id, reference: risk.reference, title: risk.title, nodeName: node?.name ?? '', currentScore: risk.current_score, currentLevelRank: risk.current_level_rank, triggers }];
  });
}
