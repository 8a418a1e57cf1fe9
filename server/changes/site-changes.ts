import type { Db, Tx } from '../../db/connection';
import { siteAssignmentProblems } from '../domain/sites';
import { buildTree, inTreeOrder } from '../domain/tree';
import { changedSince } from '../forms/conflict';
import { SITE_FIELD_LABELS, siteFormValues } from '../forms/site-form';
import type { Change } from '../queries/audit';
import { listNodes } from '../queries/nodes';
import { findSite, findSiteNamed, insertSite, listNodeIdsAtSite, listNodeSites, updateSite } from '../queries/sites';
import type { Problem } from './org-tree-changes';

// Adding and changing sites, and who works at each. Sites have no version column: a change is
// saved only if the site still holds what its form started from.

export interface SiteForm {
  name: string;
  address: string;
  node_ids: number[];
}

/** Live nodes, in tree order: the only ones a site form offers. Retired nodes keep their sites as history. */
export async function offeredNodes(db: Db | Tx) {
  return inTreeOrder(buildTree(await listNodes(db))).filter(({ node }) => node.retired_on === null);
}

/** A site's form values as saved: who works there counts only live nodes, the ones the form offers. */
export async function savedSiteValues(db: Db | Tx, site: { id: number; name: string; address: string }): Promise<Record<string, string>> {
  const offered = new Set((await offeredNodes(db)).map((o) => o.node.id));
  return siteFormValues(site, (await listNodeIdsAtSite(db, site.id)).filter((id) => offered.has(id)));
}

/** Names unique, nodes live and offered, and a team at one site only. */
async function siteProblems(tx: Tx, siteId: number | null, form: SiteForm, offered: Awaited<ReturnType<typeof offeredNodes>>): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (await findSiteNamed(tx, form.name, siteId ?? undefined)) problems.push(['name', `There is already a site called ${form.name}`]);
  const byId = new Map(offered.map(({ node }) => [node.id, node]));
  if (form.node_ids.some((id) => !byId.has(id))) problems.push(['node_ids', 'Select parts of the organisation from the list']);
  const elsewhere = (await listNodeSites(tx)).filter((ns) => ns.site_id !== siteId);
  const clashes = siteAssignmentProblems(
    form.name,
    form.node_ids.flatMap((id) => {
      const node = byId.get(id);
      return node ? [{ nodeId: id, nodeName: node.name, kind: node.kind, otherSites: elsewhere.filter((ns) => ns.node_id === id).map((ns) => ns.site_name) }] : [];
    }),
  );
  if (clashes.length > 0) problems.push(['node_ids', clashes.map((c) => c.message).join('. ')]);
  return problems;
}

export type AddSiteOutcome = { kind: 'added'; id: number } | { kind: 'refused'; problems: Problem[] };

export async function addSite(tx: Tx, change: Change, form: SiteForm): Promise<AddSiteOutcome> {
  const offered = await offeredNodes(tx);
  const problems = await siteProblems(tx, null, form, offered);
  if (problems.length > 0) return { kind: 'refused', problems };
  const id = await insertSite(tx, change, { name: form.name, address: form.address }, { offered: offered.map((o) => o.node.id), chosen: form.node_ids });
  return { kind: 'added', id };
}

export type ChangeSiteOutcome = { kind: 'saved' } | { kind: 'stale'; saved: Record<string, string> } | { kind: 'refused'; problems: Problem[] } | { kind: 'gone' };

export async function changeSite(tx: Tx, change: Change, siteId: number, base: Record<string, string>, form: SiteForm): Promise<ChangeSiteOutcome> {
  const current = await findSite(tx, siteId);
  if (!current) return { kind: 'gone' };
  // No version column: the site must still hold what the form started from.
  const saved = await savedSiteValues(tx, current);
  if (changedSince(Object.keys(SITE_FIELD_LABELS), base, saved)) return { kind: 'stale', saved };
  const offered = await offeredNodes(tx);
  const problems = await siteProblems(tx, siteId, form, offered);
  if (problems.length > 0) return { kind: 'refused', problems };
  await updateSite(tx, change, siteId, { name: form.name, address: form.address }, { offered: offered.map((o) => o.node.id), chosen: form.node_ids });
  return { kind: 'saved' };
}
