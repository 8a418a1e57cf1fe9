import type { Db, Tx } from '../../db/connection';
import { recordAudit, type Change } from './audit';

export function listSites(db: Db | Tx) {
  return db.selectFrom('sites').selectAll().orderBy('name').execute();
}

export function findSite(db: Db | Tx, id: number) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another site already using this name, compared without case. */
export function findSiteNamed(db: Db | Tx, name: string, exceptId?: number) {
  let query = db.selectFrom('sites').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** Every node–site pair with the site's name. */
export function listNodeSites(db: Db | Tx) {
  return db
    .selectFrom('node_sites as ns')
    .innerJoin('sites as s', 's.id', 'ns.site_id')
    .select(['ns.node_id', 'ns.site_id', 's.name as site_name'])
    .orderBy('s.name')
    .execute();
}

/** Which of the nodes the form offered work at the site. */
/** Every node linked to a site, live or retired. */
export async function listNodeIdsAtSite(db: Db | Tx, siteId: number): Promise<number[]> {
  const rows = await db.selectFrom('node_sites').select('node_id').where('site_id', '=', siteId).execute();
  return rows.map((r) => r.node_id);
}

export interface SiteNodes {
  offered: number[];
  chosen: number[];
}

/** What the audit history keeps of a site: who works there by name, as it reads. */
async function siteRecord(tx: Tx, id: number) {
  const site = await findSite(tx, id);
  if (!site) throw new Error(`site ${id} vanished inside its own transaction`);
  const nodes = await tx
    .selectFrom('node_sites as ns')
    .innerJoin('nodes as n', 'n.id', 'ns.node_id')
    .select('n.name')
    .where('ns.site_id', '=', id)
    .orderBy('n.name')
    .execute();
  return { values: { name: site.name, address: site.address, works_here: nodes.map((n) => n.name).join(', ') }, subject: site.name };
}

export async function insertSite(tx: Tx, change: Change, site: { name: string; address: string }, nodes: SiteNodes): Promise<number> {
  const { id } = await tx.insertInto('sites').values(site).returning('id').executeTakeFirstOrThrow();
  await setNodesOfSite(tx, id, nodes);
  const saved = await siteRecord(tx, id);
  await recordAudit(tx, change.actor, { entityType: 'site', entityId: id, action: 'create', subject: saved.subject, nodeId: null, after: saved.values, at: change.at });
  return id;
}

export async function updateSite(tx: Tx, change: Change, id: number, site: { name: string; address: string }, nodes: SiteNodes): Promise<void> {
  const before = await siteRecord(tx, id);
  await tx.updateTable('sites').set(site).where('id', '=', id).execute();
  await setNodesOfSite(tx, id, nodes);
  const after = await siteRecord(tx, id);
  await recordAudit(tx, change.actor, { entityType: 'site', entityId: id, action: 'update', subject: after.subject, nodeId: null, before: before.values, after: after.values, at: change.at });
}

// Only the nodes the form offered are replaced: a retired node's sites stay as they were, as its history.
async function setNodesOfSite(tx: Tx, siteId: number, { offered, chosen }: SiteNodes): Promise<void> {
  if (offered.length > 0) await tx.deleteFrom('node_sites').where('site_id', '=', siteId).where('node_id', 'in', offered).execute();
  if (chosen.length > 0) await tx.insertInto('node_sites').values(chosen.map((node_id) => ({ node_id, site_id: siteId }))).execute();
}
