import { Router, type Response } from 'express';
import type { AppContext } from '../../app';
import { adminOnly } from './guard';
import { today } from '../../clock';
import type { Db, Tx } from '../../../db/connection';
import type { NodeRow } from '../../../db/schema';
import { notFound } from '../../errors';
import { moveProblem, moveTargets, NODE_KIND_LABELS, placementProblem, retireProblems } from '../../domain/org-tree';
import { buildTree } from '../../domain/tree';
import { NODE_KINDS } from '../../domain/vocabulary';
import { decodeBase, encodeBase, mergeStaleEdit, type ConflictNotice } from '../../forms/conflict';
import { moveNodeSchema, newNodeSchema, NODE_FIELD_LABELS, nodeFormValues, renameNodeSchema, retireNodeSchema } from '../../forms/node-form';
import { formErrors, hasErrors, parseForm, typedValues, type FormErrors } from '../../forms/parse';
import { ADMIN_CRUMB, buildNodesPage, childKind, nodeOptions, pathName, TREE_CRUMB } from '../../presenters/admin-nodes';
import { toOptions } from '../../presenters/options';
import { savedMessage } from '../../presenters/saved-message';
import { countOpenRisksOfNode, findNode, findNodeWithCode, insertNode, listNodes, updateNode } from '../../queries/nodes';
import { changeOf, idParam } from '../params';

const SAVED_MESSAGES: Record<string, string> = {
  added: 'Part of the organisation added',
  renamed: 'Name and code saved',
  moved: 'Moved',
  retired: 'Retired: its registers and history stay readable',
  reinstated: 'Reinstated',
};

interface FormPage {
  status?: number;
  values: Record<string, string>;
  errors?: FormErrors;
  conflict?: ConflictNotice;
}

const STALE: FormErrors = formErrors([['version', 'The form is out of date: reload the page and try again']]);

/** Another node using the code, as a message for the code field. */
async function codeTaken(db: Tx, code: string, exceptId?: number): Promise<FormErrors> {
  const other = await findNodeWithCode(db, code, exceptId);
  return formErrors(other ? [['code', `${code} is already the code of ${other.name}: codes must be unique`]] : []);
}

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
    res.status(page.status ?? 200).render('admin/node-form', {
      title: 'Add a part of the organisation',
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
    const form = parsed.data;
    const outcome = await db.transaction().execute(async (tx) => {
      const parent = form.parent_id === null ? null : await findNode(tx, form.parent_id);
      const problems: [string, string][] = [];
      if (form.parent_id !== null && !parent) problems.push(['parent_id', 'Choose where it goes from the list']);
      else {
        const placement = placementProblem(form.kind, parent ?? null);
        if (placement) problems.push([form.kind === 'organisation' ? 'kind' : 'parent_id', placement]);
      }
      if (form.kind === 'organisation' && (await tx.selectFrom('nodes').select('id').where('parent_id', 'is', null).executeTakeFirst())) {
        problems.push(['kind', 'There is already an organisation: add divisions, units and teams under it']);
      }
      const errors = formErrors([...problems, ...(await codeTaken(tx, form.code)).summary.map((e): [string, string] => [e.field, e.message])]);
      if (hasErrors(errors)) return { errors };
      return { id: await insertNode(tx, changeOf(res, clock), form) };
    });
    if ('errors' in outcome) {
      await renderNewNode(res, { status: 400, values, errors: outcome.errors });
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
    renderRename(res, node, { values: { ...values, base: encodeBase(values) } });
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
    const outcome = await db.transaction().execute(async (tx) => {
      const errors = await codeTaken(tx, form.code, node.id);
      if (hasErrors(errors)) return { errors };
      return { saved: await updateNode(tx, changeOf(res, clock), node.id, version, form) };
    });
    if ('errors' in outcome) {
      renderRename(res, node, { status: 400, values, errors: outcome.errors });
      return;
    }
    if (!outcome.saved) {
      const current = await nodeFromPath(req.params.id);
      const savedValues = nodeFormValues(current);
      const merged = mergeStaleEdit(NODE_FIELD_LABELS, decodeBase(req.body), savedValues, values);
      renderRename(res, current, {
        status: 409,
        values: { ...merged.values, version: savedValues.version ?? '', base: encodeBase(savedValues) },
        conflict: { what: 'part of the organisation', changes: merged.changes, viewHref: '/admin/nodes' },
      });
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
    const outcome = await db.transaction().execute(async (tx) => {
      const tree = buildTree(await listNodes(tx));
      if (tree.byId.get(node.id)?.version !== version) return { stale: true } as const;
      const problem = moveProblem(tree, node.id, parent_id);
      if (problem) return { errors: formErrors([['parent_id', problem]]) };
      return { stale: !(await updateNode(tx, changeOf(res, clock), node.id, version, { parent_id })) };
    });
    if ('errors' in outcome) {
      await renderMove(res, node, { status: 400, values, errors: outcome.errors });
      return;
    }
    if (outcome.stale) {
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

  async function retireFacts(tx: Db | Tx, node: NodeRow) {
    const children = await tx.selectFrom('nodes').select('name').where('parent_id', '=', node.id).where('retired_on', 'is', null).orderBy('name').execute();
    return {
      isRoot: node.parent_id === null,
      alreadyRetiredOn: node.retired_on,
      activeChildren: children.map((c) => c.name),
      openRisks: await countOpenRisksOfNode(tx, node.id),
    };
  }

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
    const retiredOn = today(clock);
    const outcome = await db.transaction().execute(async (tx) => {
      const current = await findNode(tx, node.id);
      if (!current || current.version !== parsed.data.version) return { stale: true } as const;
      const problems = retireProblems(current.name, await retireFacts(tx, current));
      if (problems.length > 0) return { problems };
      return { stale: !(await updateNode(tx, changeOf(res, clock), node.id, parsed.data.version, { retired_on: retiredOn })) };
    });
    if ('problems' in outcome) {
      await renderRetire(res, node, { status: 409, values: { version: String(node.version) }, problems: outcome.problems });
      return;
    }
    if (outcome.stale) {
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
    const outcome = await db.transaction().execute(async (tx) => {
      const current = await findNode(tx, node.id);
      if (!current || current.version !== parsed.data.version || current.retired_on === null) return 'stale' as const;
      const parent = current.parent_id === null ? undefined : await findNode(tx, current.parent_id);
      // Reinstating under a retired parent would put a live node out of sight.
      if ((parent?.retired_on ?? null) !== null) return 'parent-retired' as const;
      return (await updateNode(tx, changeOf(res, clock), node.id, parsed.data.version, { retired_on: null })) ? ('saved' as const) : ('stale' as const);
    });
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
