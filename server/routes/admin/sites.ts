import { Router, type Response } from 'express';
import type { AppContext } from '../../app';
import { adminOnly } from './guard';
import type { Db, Tx } from '../../../db/connection';
import { notFound } from '../../errors';
import { siteAssignmentProblems } from '../../domain/sites';
import { buildTree } from '../../domain/tree';
import { changedSince, decodeBase, encodeBase, mergeStaleEdit, type ConflictNotice } from '../../forms/conflict';
import { formErrors, hasErrors, parseForm, typedValues, type FormErrors } from '../../forms/parse';
import { SITE_FIELD_LABELS, siteFormValues, siteSchema } from '../../forms/site-form';
import { ADMIN_CRUMB, inTreeOrder } from '../../presenters/admin-nodes';
import { savedMessage } from '../../presenters/saved-message';
import { listNodes } from '../../queries/nodes';
import { findSite, findSiteNamed, insertSite, listNodeSites, listSites, updateSite } from '../../queries/sites';
import { changeOf, idParam } from '../params';

const SAVED_MESSAGES: Record<string, string> = { added: 'Site added', changed: 'Site saved' };
const SITES_CRUMB = { text: 'Sites', href: '/admin/sites' };
const STALE_FORM = 'The form is out of date: reload the page and try again';

interface SitePage {
  status?: number;
  values: Record<string, string>;
  errors?: FormErrors;
  conflict?: ConflictNotice;
}

/** Live nodes, in tree order: the only ones a site form offers. Retired nodes keep their sites as history. */
async function offeredNodes(db: Db | Tx) {
  const tree = buildTree(await listNodes(db));
  return inTreeOrder(tree).filter(({ node }) => node.retired_on === null);
}

async function nodeIdsAtSite(db: Db | Tx, siteId: number, offered: number[]): Promise<number[]> {
  const rows = await db.selectFrom('node_sites').select('node_id').where('site_id', '=', siteId).execute();
  return rows.map((r) => r.node_id).filter((id) => offered.includes(id));
}

export function adminSiteRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const admin = adminOnly(db);

  router.get('/admin/sites', admin, async (req, res) => {
    const [sites, nodeSites, nodes] = await Promise.all([listSites(db), listNodeSites(db), listNodes(db)]);
    const nameOf = new Map(nodes.map((n) => [n.id, n.retired_on === null ? n.name : `${n.name} (retired)`]));
    res.render('admin/sites', {
      title: 'Sites',
      breadcrumbs: [ADMIN_CRUMB, { text: 'Sites' }],
      savedMessage: savedMessage(SAVED_MESSAGES, req.query.saved),
      sites: sites.map((s) => ({
        ...s,
        nodes: nodeSites.filter((ns) => ns.site_id === s.id).map((ns) => nameOf.get(ns.node_id) ?? '').sort(),
      })),
    });
  });

  async function renderSiteForm(res: Response, site: { id: number; name: string } | null, page: SitePage): Promise<void> {
    const offered = await offeredNodes(db);
    const chosen = new Set((page.values.node_ids ?? '').split(',').map((id) => id.trim()));
    res.status(page.status ?? 200).render('admin/site-form', {
      title: site ? `Change ${site.name}` : 'Add a site',
      heading: site ? 'Change a site' : 'Add a site',
      caption: site?.name,
      breadcrumbs: [ADMIN_CRUMB, SITES_CRUMB, { text: site ? site.name : 'Add' }],
      action: site ? `/admin/sites/${site.id}` : '/admin/sites',
      editing: site !== null,
      submitText: site ? 'Save site' : 'Add site',
      nodeOptions: offered.map(({ node, depth }) => ({
        value: String(node.id),
        text: `${node.name} (${node.kind})`,
        depth,
        selected: chosen.has(String(node.id)),
      })),
      ...page,
    });
  }

  /** Checks needing the database: names unique, nodes exist and are live, a team at one site only. */
  async function checkSite(tx: Tx, siteId: number | null, form: { name: string; node_ids: number[] }, offered: Awaited<ReturnType<typeof offeredNodes>>): Promise<FormErrors> {
    const problems: [string, string][] = [];
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
    return formErrors(problems);
  }

  router.get('/admin/sites/new', admin, async (_req, res) => {
    await renderSiteForm(res, null, { values: {} });
  });

  router.post('/admin/sites', admin, async (req, res) => {
    const values = typedValues(req.body);
    const parsed = parseForm(siteSchema, req.body);
    if (!parsed.ok) {
      await renderSiteForm(res, null, { status: 400, values, errors: parsed.errors });
      return;
    }
    const form = parsed.data;
    const outcome = await db.transaction().execute(async (tx) => {
      const offered = await offeredNodes(tx);
      const errors = await checkSite(tx, null, form, offered);
      if (hasErrors(errors)) return { errors };
      return { id: await insertSite(tx, changeOf(res, clock), { name: form.name, address: form.address }, { offered: offered.map((o) => o.node.id), chosen: form.node_ids }) };
    });
    if ('errors' in outcome) {
      await renderSiteForm(res, null, { status: 400, values, errors: outcome.errors });
      return;
    }
    res.redirect(303, '/admin/sites?saved=added');
  });

  async function siteFromPath(value: string | string[] | undefined) {
    const site = await findSite(db, idParam(value, 'That site'));
    if (!site) throw notFound('That site');
    return site;
  }

  router.get('/admin/sites/:id/edit', admin, async (req, res) => {
    const site = await siteFromPath(req.params.id);
    const offered = (await offeredNodes(db)).map((o) => o.node.id);
    const values = siteFormValues(site, await nodeIdsAtSite(db, site.id, offered));
    await renderSiteForm(res, site, { values: { ...values, base: encodeBase(values) } });
  });

  router.post('/admin/sites/:id', admin, async (req, res) => {
    const site = await siteFromPath(req.params.id);
    const values = typedValues(req.body);
    const base = decodeBase(req.body);
    const parsed = parseForm(siteSchema, req.body);
    if (!parsed.ok || base === null) {
      await renderSiteForm(res, site, { status: 400, values, errors: parsed.ok ? formErrors([['name', STALE_FORM]]) : parsed.errors });
      return;
    }
    const form = parsed.data;
    const outcome = await db.transaction().execute(async (tx) => {
      const offered = await offeredNodes(tx);
      const offeredIds = offered.map((o) => o.node.id);
      const current = await findSite(tx, site.id);
      if (!current) throw notFound('That site');
      const saved = siteFormValues(current, await nodeIdsAtSite(tx, site.id, offeredIds));
      if (changedSince(Object.keys(SITE_FIELD_LABELS), base, saved)) return { stale: saved };
      const errors = await checkSite(tx, site.id, form, offered);
      if (hasErrors(errors)) return { errors };
      await updateSite(tx, changeOf(res, clock), site.id, { name: form.name, address: form.address }, { offered: offeredIds, chosen: form.node_ids });
      return { done: true };
    });
    if (outcome.errors) {
      await renderSiteForm(res, site, { status: 400, values, errors: outcome.errors });
      return;
    }
    if (outcome.stale) {
      const nodes = new Map((await listNodes(db)).map((n) => [String(n.id), n.name]));
      const display = (field: string, value: string) =>
        field === 'node_ids' ? value.split(',').map((id) => nodes.get(id.trim()) ?? '').filter(Boolean).join(', ') : value;
      const merged = mergeStaleEdit(SITE_FIELD_LABELS, base, outcome.stale, { ...values, node_ids: form.node_ids.sort((a, b) => a - b).join(', ') }, display);
      const current = await siteFromPath(req.params.id);
      await renderSiteForm(res, current, {
        status: 409,
        values: { ...merged.values, base: encodeBase(outcome.stale) },
        conflict: { what: 'site', changes: merged.changes, viewHref: '/admin/sites' },
      });
      return;
    }
    res.redirect(303, '/admin/sites?saved=changed');
  });

  return router;
}
