import type { Db, Tx } from '../../db/connection';

// Temporary stub: the real file comes from main (issue 12, joined-up registers).

export interface RiskLinkView {
  id: number;
  kind: 'escalated' | 'contributes';
  fromRiskId: number;
  fromReference: string;
  fromTitle: string;
  toRiskId: number;
  toReference: string;
  toTitle: string;
  reason: string;
  createdAt: string;
}

export function linksOfRisks(_db: Db | Tx, _riskIds: number[]): Promise<RiskLinkView[]> {
  return Promise.resolve([]);
}
