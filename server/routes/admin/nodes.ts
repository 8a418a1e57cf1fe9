import { Router, type Response } from 'express';
import type { AppContext } from '../../context';
import { adminOnly } from './guard';
import { today } from '../../clock';
import type { NodeRow } from '../../../db/schema';
import { notFound } from '../../errors';
import { moveTargets, NODE_KIND_LABELS, retireProblems } from '../../domain/org-tree';
import { buildTree } from '../../domain/tree';
import { NODE_KINDS } from '../../domain/vocabulary';
import { decodeBase } from '../../forms/conflict';
import { editForm, staleForm, type FormState } from '../../forms/form-page';
import { moveNodeSchema, newNodeSchema, NODE_FIELD_LABELS, nodeFormValues, renameNodeSchema, retireNodeSchema } from '../../forms/node-form';
import { formErrors, parseForm, typedValues, type FormErrors } from '../../forms/parse';
import { ADMIN_CRUMB, buildNodesPage, childKind, nodeOptions, pathName, TREE_CRUMB } from '../../presenters/admin-nodes';
import { toOptions } from '../../presenters/options';
import { savedMessage } from '../../presenters/saved-message';
import { findNode, listNodes } from '../../queries/nodes';
import { addNode, moveNode, reinstateNode, renameNode, retireFacts, retireNode } from '../../changes/org-tree-changes';
import { changeOf, idParam } from '../params';

const SAVED_MESSAGES: Record<string, string> = {
  added: 'Part of the organisation added',
  renamed: 'Name and code saved',
  moved: 'Moved',
  retired: 'Retired: its registers and history stay readable',
  reinstated: 'Reinstated',
};

/** A node form: the kit's state; the status defaults to 200 for pages opened without a form state of their own. */
type FormPage = Omit<FormState, 'status'> & { status?: number };

const STALE: FormErrors = formErrors([['version', 'The form is out of date: reload the page and try again']]);

export function adminNodeRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const admin = adminOnly(db);

  async function nodeFromPath(value: string | string[] | undefined): Promise<NodeRow> {
    const node = await findNode(db, idParam(value, 'That part of the organisation'));
    if (!node) throw notFound('That part of the organisation');
    return node;
  }

  router.get('/admin/nodes', admin, async (req, res) => {
    res.render('admin/nodes', { ...(await buildNodesPage(db)), savedMessage: savedMessage(SAVED_MESSAGES, req.query.saved) });
  });

  // Adding a node

  async function renderNewNode(res: Response, page: FormPage): Promise<void> {
    const nodes = await listNodes(db);
    const tree = buildTree(nodes);
    const parents = nodes.filter((n) => n.retired_on === null && childKind(n.kind) !== null);
    const parent = parents.find((n) => String(n.id) === page.values.parent_id);
    res.status(page.status ?? 200).render('admin/node-form', {
      title: parent ? `Add a part of the organisation under ${parent.name}` : 'Add a part of the organisation',
      heading: 'Add a part of the organisation',
      breadcrumbs: [ADMIN_CRUMB, TREE_CRUMB, { text: 'Add' }],
      action: '/admin/nodes',
      adding: true,
      submitText: 'Add',
      ...page,
      options: {
        kinds: toOptions(
          NODE_KINDS.filter((k) => k !== 'organisation' || nodes.length === 0),
          (k) => k,
          (k) => NODE_KIND_LABELS[k],
          page.values.kind,
        ),
        parents: nodeOptions(tree, parents, page.values.parent_id, nodes.length === 0 ? 'None: this is the organisation' : 'Select where it goes'),
      },
    });
  }

  router.get('/admin/nodes/new', admin, async (req, res) => {
    const parentId = typeof req.query.parent === 'string' && /^\d{1,9}$/.test(req.query.parent) ? Number(req.query.parent) : undefined;
    const parent = parentId === undefined ? undefined : await findNode(db, parentId);
    const kind = parent ? childKind(parent.kind) : null;
    await renderNewNode(res, { values: parent && kind ? { parent_id: String(parent.id), kind } : {} });
  });

  router.post('/admin/nodes', admin, async (req, res) => {
    const values = typedValues(req.body);
    const parsed = parseForm(newNodeSchema, req.body);
    if (!parsed.ok) {
      await renderNewNode(res, { status: 400, values, errors: parsed.errors });
      return;
    }
    const outcome = await db.transaction().execute((tx) => addNode(tx, changeOf(res, clock), parsed.data));
    if (outcome.kind === 'refused') {
      await renderNewNode(res, { status: 400, values, errors: formErrors(outcome.problems) });
      return;
    }
    res.redirect(303, `/admin/nodes?saved=added#node-${outcome.id}`);
  });

  // Renaming: name and code

  function renderRename(res: Response, node: NodeRow, page: FormPage): void {
    res.status(page.status ?? 200).render('admin/node-form', {
      title: `Rename ${node.name}`,
      heading: 'Change the name or code',
      caption: node.name,
      breadcrumbs: [ADMIN_CRUMB, TREE_CRUMB, { text: node.name }],
      action: `/admin/nodes/${node.id}`,
      adding: false,
      submitText: 'Save changes',
      retiredOn: node.retired_on,
      ...page,
    });
  }

  router.get('/admin/nodes/:id/edit', admin, async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    const values = nodeFormValues(node);
    renderRename(res, node, editForm(values));
  });

  router.post('/admin/nodes/:id', admin, async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(renameNodeSchema, req.body);
    if (!parsed.ok) {
      renderRename(res, node, { status: 400, values, errors: parsed.errors });
      return;
    }
    const { version, ...form } = parsed.data;
    const outcome = await db.transaction().execute((tx) => renameNode(tx, changeOf(res, clock), node.id, version, form));
    if (outcome.kind === 'refused') {
      renderRename(res, node, { status: 400, values, errors: formErrors(outcome.problems) });
      return;
    }
    if (outcome.kind === 'stale') {
      const current = await nodeFromPath(req.params.id);
      renderRename(res, current, staleForm({
        what: 'part of the organisation',
        viewHref: '/admin/nodes',
        labels: NODE_FIELD_LABELS,
        base: decodeBase(req.body),
        saved: nodeFormValues(current),
        entered: values,
      }));
      return;
    }
    res.redirect(303, `/admin/nodes?saved=renamed#node-${node.id}`);
  });

  // Moving under another parent

  async function renderMove(res: Response, node: NodeRow, page: FormPage): Promise<void> {
    const nodes = await listNodes(db);
    const tree = buildTree(nodes);
    const targets = moveTargets(tree, node.id);
    res.status(page.status ?? 200).render('admin/node-move', {
      title: `Move ${node.name}`,
      node,
      where: node.parent_id === null ? '' : pathName(tree, node.parent_id),
      breadcrumbs: [ADMIN_CRUMB, TREE_CRUMB, { text: node.name }],
      hasTargets: targets.length > 0,
      parents: nodeOptions(tree, targets, page.values.parent_id, 'Select where to move it'),
      ...page,
    });
  }

  router.get('/admin/nodes/:id/move', admin, async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    await renderMove(res, node, { values: { version: String(node.version) } });
  });

  router.post('/admin/nodes/:id/move', admin, async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(moveNodeSchema, req.body);
    if (!parsed.ok) {
      await renderMove(res, node, { status: 400, values, errors: parsed.errors });
      return;
    }
    const { parent_id, version } = parsed.data;
    const outcome = await db.transaction().execute((tx) => moveNode(tx, changeOf(res, clock), node.id, version, parent_id));
    if (outcome.kind === 'refused') {
      await renderMove(res, node, { status: 400, values, errors: formErrors(outcome.problems) });
      return;
    }
    if (outcome.kind === 'stale') {
      const current = await nodeFromPath(req.params.id);
      await renderMove(res, current, {
        status: 409,
        values: { parent_id: values.parent_id ?? '', version: String(current.version) },
        conflict: { what: 'part of the organisation', changes: [], viewHref: '/admin/nodes' },
      });
      return;
    }
    res.redirect(303, `/admin/nodes?saved=moved#node-${node.id}`);
  });

  // Retiring and reinstating

  async function renderRetire(res: Response, node: NodeRow, page: FormPage & { problems?: string[] }): Promise<void> {
    const parent = node.parent_id === null ? undefined : await findNode(db, node.parent_id);
    const problems = page.problems ?? (node.retired_on === null ? retireProblems(node.name, await retireFacts(db, node)) : []);
    res.status(page.status ?? 200).render('admin/node-retire', {
      title: node.retired_on === null ? `Retire ${node.name}` : `Reinstate ${node.name}`,
      node,
      breadcrumbs: [ADMIN_CRUMB, TREE_CRUMB, { text: node.name }],
      problems,
      parentRetired: (parent?.retired_on ?? null) !== null,
      parentName: parent?.name,
      ...page,
    });
  }

  router.get('/admin/nodes/:id/retire', admin, async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    await renderRetire(res, node, { values: { version: String(node.version) } });
  });

  router.post('/admin/nodes/:id/retire', admin, async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    const parsed = parseForm(retireNodeSchema, req.body);
    if (!parsed.ok) {
      await renderRetire(res, node, { status: 400, values: typedValues(req.body), errors: STALE });
      return;
    }
    const outcome = await db.transaction().execute((tx) => retireNode(tx, changeOf(res, clock), node.id, parsed.data.version, today(clock)));
    if (outcome.kind === 'refused') {
      await renderRetire(res, node, { status: 409, values: { version: String(node.version) }, problems: outcome.problems });
      return;
    }
    if (outcome.kind === 'stale') {
      const current = await nodeFromPath(req.params.id);
      await renderRetire(res, current, {
        status: 409,
        values: { version: String(current.version) },
        conflict: { what: 'part of the organisation', changes: [], viewHref: '/admin/nodes' },
      });
      return;
    }
    res.redirect(303, `/admin/nodes?saved=retired#node-${node.id}`);
  });

  router.post('/admin/nodes/:id/reinstate', admin, async (req, res) => {
    const node = await nodeFromPath(req.params.id);
    const parsed = parseForm(retireNodeSchema, req.body);
    if (!parsed.ok) {
      await renderRetire(res, node, { status: 400, values: typedValues(req.body), errors: STALE });
      return;
    }
    const outcome = await db.transaction().execute((tx) => reinstateNode(tx, changeOf(res, clock), node.id, parsed.data.version));
    if (outcome === 'saved') {
      res.redirect(303, `/admin/nodes?saved=reinstated#node-${node.id}`);
      return;
    }
    const current = await nodeFromPath(req.params.id);
    await renderRetire(res, current, {
      status: 409,
      values: { version: String(current.version) },
      conflict: outcome === 'stale' ? { what: 'part of the organisation', changes: [], viewHref: '/admin/nodes' } : undefined,
    });
  });

  return router;
}
