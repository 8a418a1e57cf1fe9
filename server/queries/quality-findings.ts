import type { Db, Tx } from '../../db/connection';

// Temporary stub: the real file comes from main (issue 12, joined-up registers).

export interface Finding {
  code: string;
  severity: 'high' | 'medium' | 'low';
  label: string;
  reason: string;
  riskId: number;
  reference: string;
  fixHref: string;
}

export const FINDING_LABELS: Record<string, string> = { no_owner: 'No owner' };

export async function findingsOfRegister(db: Db | Tx, registerId: number, _today: string): Promise<Finding[]> {
  const rows = await db.selectFrom('risks').select(['id', 'reference']).where('register_id', '=', registerId).where('status', '=', 'open').where('owner_id', 'is', null).execute();
  return rows.map((r) => ({ code: 'no_owner', severity: 'high' as const, label: 'No owner', reason: 'Nobody is accountable for this risk', riskId: r.id, reference: r.reference, fixHref: `/risks/${r.id}/edit` }));
}
