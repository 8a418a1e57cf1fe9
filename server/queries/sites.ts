import type { Db, Tx } from '../../db/connection';

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
export interface SiteNodes {
  offered: number[];
  chosen: number[];
}

export async function insertSite(tx: Tx, site: { name: string; address: string }, nodes: SiteNodes): Promise<number> {
  const { id } = await tx.insertInto('sites').values(site).returning('id').executeTakeFirstOrThrow();
  await setNodesOfSite(tx, id, nodes);
  return id;
}

export async function updateSite(tx: Tx, id: number, site: { name: string; address: string }, nodes: SiteNodes): Promise<void> {
  await tx.updateTable('sites').set(site).where('id', '=', id).execute();
  await setNodesOfSite(tx, id, nodes);
}

// Only the nodes the form offered are replaced: a retired node's sites stay as they were, as its history.
async function setNodesOfSite(tx: Tx, siteId: number, { offered, chosen }: SiteNodes): Promise<void> {
  if (offered.length > 0) await tx.deleteFrom('node_sites').where('site_id', '=', siteId).where('node_id', 'in', offered).execute();
  if (chosen.length > 0) await tx.insertInto('node_sites').values(chosen.map((node_id) => ({ node_id, site_id: siteId }))).execute();
}
