import { Router, type Response } from 'express';
import type { AppContext } from '../../context';
import { adminOnly } from './guard';
import { addSite, changeSite, offeredNodes, savedSiteValues } from '../../changes/site-changes';
import { notFound } from '../../errors';
import { decodeBase } from '../../forms/conflict';
import { blankForm, editForm, refusedForm, staleForm, type FormState } from '../../forms/form-page';
import { formErrors, parseForm, typedValues } from '../../forms/parse';
import { SITE_FIELD_LABELS, siteSchema } from '../../forms/site-form';
import { ADMIN_CRUMB } from '../../presenters/admin-nodes';
import { savedMessage } from '../../presenters/saved-message';
import { listNodes } from '../../queries/nodes';
import { findSite, listNodeSites, listSites } from '../../queries/sites';
import { changeOf, idParam } from '../params';
import { pageTitle } from '../../presenters/page-title';

const SAVED_MESSAGES: Record<string, string> = { added: 'Site added', changed: 'Site saved' };
const SITES_CRUMB = { text: 'Sites', href: '/admin/sites' };
const STALE_FORM = 'The form is out of date: reload the page and try again';

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

  async function renderSiteForm(res: Response, site: { id: number; name: string } | null, page: FormState): Promise<void> {
    const offered = await offeredNodes(db);
    const chosen = new Set((page.values.node_ids ?? '').split(',').map((id) => id.trim()));
    res.status(page.status).render('admin/site-form', {
      title: site ? pageTitle('Change a site', site.name) : 'Add a site',
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

  router.get('/admin/sites/new', admin, async (_req, res) => {
    await renderSiteForm(res, null, blankForm({}));
  });

  router.post('/admin/sites', admin, async (req, res) => {
    const values = typedValues(req.body);
    const parsed = parseForm(siteSchema, req.body);
    if (!parsed.ok) {
      await renderSiteForm(res, null, refusedForm(values, parsed.errors));
      return;
    }
    const outcome = await db.transaction().execute((tx) => addSite(tx, changeOf(res, clock), parsed.data));
    if (outcome.kind === 'refused') {
      await renderSiteForm(res, null, refusedForm(values, formErrors(outcome.problems)));
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
    await renderSiteForm(res, site, editForm(await savedSiteValues(db, site)));
  });

  router.post('/admin/sites/:id', admin, async (req, res) => {
    const site = await siteFromPath(req.params.id);
    const values = typedValues(req.body);
    const base = decodeBase(req.body);
    const parsed = parseForm(siteSchema, req.body);
    if (!parsed.ok || base === null) {
      await renderSiteForm(res, site, refusedForm(values, parsed.ok ? formErrors([['name', STALE_FORM]]) : parsed.errors));
      return;
    }
    const form = parsed.data;
    const outcome = await db.transaction().execute((tx) => changeSite(tx, changeOf(res, clock), site.id, base, form));
    if (outcome.kind === 'gone') throw notFound('That site');
    if (outcome.kind === 'refused') {
      await renderSiteForm(res, site, refusedForm(values, formErrors(outcome.problems)));
      return;
    }
    if (outcome.kind === 'stale') {
      const nodes = new Map((await listNodes(db)).map((n) => [String(n.id), n.name]));
      await renderSiteForm(res, await siteFromPath(req.params.id), staleForm({
        what: 'site',
        viewHref: '/admin/sites',
        labels: SITE_FIELD_LABELS,
        base,
        saved: outcome.saved,
        entered: { ...values, node_ids: form.node_ids.sort((a, b) => a - b).join(', ') },
        display: (field, value) => (field === 'node_ids' ? value.split(',').map((id) => nodes.get(id.trim()) ?? '').filter(Boolean).join(', ') : value),
      }));
      return;
    }
    res.redirect(303, '/admin/sites?saved=changed');
  });

  return router;
}
