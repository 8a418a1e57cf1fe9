import type { Db, Tx } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import type { RiskLinkKind } from '../domain/vocabulary';

// Links between risks at different levels (docs/joined-registers.md): a lower risk escalated to,
// or contributing to, a risk in an ancestor node's register.

export interface RiskLinkView {
  id: number;
  kind: RiskLinkKind;
  fromRiskId: number;
  fromReference: string;
  fromTitle: string;
  toRiskId: number;
  toReference: string;
  toTitle: string;
  reason: string;
  createdAt: string;
}

/** Standing links touching any of these risks, on either side. */
export async function linksOfRisks(db: Db | Tx, riskIds: number[]): Promise<RiskLinkView[]> {
  if (riskIds.length === 0) return [];
  const rows = [];
  for (let i = 0; i < riskIds.length; i += 5000) {
    const ids = riskIds.slice(i, i + 5000);
    rows.push(...await db
      .selectFrom('risk_links as l')
      .innerJoin('risks as a', 'a.id', 'l.from_risk_id')
      .innerJoin('risks as b', 'b.id', 'l.to_risk_id')
      .where('l.removed_at', 'is', null)
      .where((eb) => eb.or([eb('l.from_risk_id', 'in', ids), eb('l.to_risk_id', 'in', ids)]))
      .select(['l.id', 'l.kind', 'l.from_risk_id as fromRiskId', 'a.reference as fromReference', 'a.title as fromTitle',
        'l.to_risk_id as toRiskId', 'b.reference as toReference', 'b.title as toTitle', 'l.reason', 'l.created_at as createdAt'])
      .orderBy('l.id')
      .execute());
  }
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/** The risk's standing links both ways, with the other risk's node, status and current rating, for the risk page. */
const linksOnOneSide = (mine: 'from_risk_id' | 'to_risk_id', other: 'from_risk_id' | 'to_risk_id') =>
  preparedQuery<{ riskId: number }>()((db, value) => db
    .selectFrom('risk_links as l')
    .innerJoin('risks as o', 'o.id', `l.${other}`)
    .innerJoin('risk_facts as f', 'f.risk_id', 'o.id')
    .innerJoin('nodes as n', 'n.id', 'f.node_id')
    .where(`l.${mine}`, '=', value('riskId'))
    .where('l.removed_at', 'is', null)
    .select(['l.id', 'l.kind', 'l.reason', 'l.created_at', 'l.created_by_name', 'o.id as risk_id', 'o.reference', 'o.title', 'o.status',
      'f.node_id', 'n.name as node_name', 'f.current_likelihood', 'f.current_impact', 'f.current_score', 'f.current_level_rank'])
    .orderBy('f.current_score', 'desc'));
const linksUp = linksOnOneSide('from_risk_id', 'to_risk_id');
const linksDown = linksOnOneSide('to_risk_id', 'from_risk_id');

export function linksAroundRisk(db: Db | Tx, riskId: number) {
  return Promise.all([linksUp(db, { riskId }), linksDown(db, { riskId })]).then(([up, down]) => ({ up, down }));
}

/** Proposals made from this risk, and the one (if any) this risk was accepted from. */
const proposalsOfRisk = preparedQuery<{ riskId: number }>()((db, value) => db
  .selectFrom('risk_proposals as p')
  .innerJoin('registers as g', 'g.id', 'p.register_id')
  .innerJoin('risks as o', 'o.id', 'p.from_risk_id')
  .leftJoin('risks as a', 'a.id', 'p.accepted_risk_id')
  .where((eb) => eb.or([eb('p.from_risk_id', '=', value('riskId')), eb('p.accepted_risk_id', '=', value('riskId'))]))
  .select(['p.id', 'p.kind', 'p.status', 'p.reason', 'p.proposed_at', 'p.proposed_by_name', 'p.decided_at', 'p.decided_by_name', 'p.decision_reason',
    'p.from_risk_id', 'o.reference as from_reference', 'p.accepted_risk_id', 'a.reference as accepted_reference',
    'g.id as register_id', 'g.code as register_code', 'g.name as register_name', 'g.node_id as register_node_id'])
  .orderBy('p.id', 'desc'));

export function proposalsAroundRisk(db: Db | Tx, riskId: number) {
  return proposalsOfRisk(db, { riskId });
}

const acceptancesOfRisk = preparedQuery<{ riskId: number }>()((db, value) => db
  .selectFrom('risk_acceptances').selectAll().where('risk_id', '=', value('riskId')).orderBy('id', 'desc'));

/** A risk's acceptances, newest first. */
export function listAcceptancesOfRisk(db: Db | Tx, riskId: number) {
  return acceptancesOfRisk(db, { riskId });
}

const acceptanceFacts = preparedQuery<{ riskId: number }>()((db, value) => db
  .selectFrom('risk_facts as f').innerJoin('risks as r', 'r.id', 'f.risk_id')
  .select(['f.current_level_rank', 'f.above_appetite', 'r.treatment']).where('f.risk_id', '=', value('riskId')));

/** What deciding whether a risk needs accepting reads: its current level, whether it is above appetite, and its treatment. */
export async function acceptanceFactsOfRisk(db: Db | Tx, riskId: number) {
  return (await acceptanceFacts(db, { riskId }))[0];
}

export function findProposal(db: Db | Tx, id: number) {
  return db
    .selectFrom('risk_proposals as p')
    .innerJoin('registers as g', 'g.id', 'p.register_id')
    .innerJoin('risks as o', 'o.id', 'p.from_risk_id')
    .innerJoin('registers as og', 'og.id', 'o.register_id')
    .where('p.id', '=', id)
    .selectAll('p')
    .select(['g.code as register_code', 'g.name as register_name', 'g.node_id as register_node_id', 'g.closed_on as register_closed_on',
      'o.reference as from_reference', 'o.title as from_title', 'o.status as from_status', 'og.node_id as from_node_id'])
    .executeTakeFirst();
}

/** Proposals waiting for a decision in the registers of these nodes. */
export function waitingProposalsOfNodes(db: Db | Tx, nodeIds: readonly number[]) {
  return db
    .selectFrom('risk_proposals as p')
    .innerJoin('registers as g', 'g.id', 'p.register_id')
    .innerJoin('risks as o', 'o.id', 'p.from_risk_id')
    .innerJoin('registers as og', 'og.id', 'o.register_id')
    .innerJoin('nodes as n', 'n.id', 'og.node_id')
    .where('p.status', '=', 'proposed')
    .where('g.node_id', 'in', nodeIds.length > 0 ? [...nodeIds] : [-1])
    .select(['p.id', 'p.kind', 'p.reason', 'p.proposed_at', 'p.proposed_by_name', 'p.fields', 'g.code as register_code', 'g.name as register_name',
      'o.id as from_risk_id', 'o.reference as from_reference', 'o.title as from_title', 'n.name as from_node_name'])
    .orderBy('p.proposed_at')
    .execute();
}
