import { Router, type Response } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { adminOnly } from './guard';
import { addListItem, changeListItem, deleteUnusedListItem, type ListItem, type ListWriter } from '../../changes/list-items';
import { notFound } from '../../errors';
import { decodeBase } from '../../forms/conflict';
import { blankForm, editForm, refusedForm, staleForm, type FormState } from '../../forms/form-page';
import {
  CATEGORY_FIELD_LABELS,
  categoryFormValues,
  categorySchema,
  moveItemSchema,
  OBJECTIVE_FIELD_LABELS,
  objectiveFormValues,
  objectiveSchema,
} from '../../forms/list-forms';
import { formErrors, parseForm, typedValues, type FormErrors } from '../../forms/parse';
import { ADMIN_CRUMB } from '../../presenters/admin-nodes';
import { toOptions } from '../../presenters/options';
import { savedMessage } from '../../presenters/saved-message';
import { findCategory, findObjective, insertCategory, insertObjective, listUsage, moveListItem, updateCategory, updateObjective } from '../../queries/lists';
import { listCategories, listObjectives, loadMatrix } from '../../queries/reference';
import { confirmPage } from '../../presenters/confirm-page';
import { changeOf, idParam } from '../params';
import { pageTitle } from '../../presenters/page-title';

const STALE_FORM = 'The form is out of date: reload the page and try again';

/** What differs between the two admin lists: how each is read and written, and its pages' words. */
interface ListKind<S extends z.ZodType> extends ListWriter<z.output<S>> {
  path: string;
  title: string;
  intro: string;
  schema: S;
  list(db: AppContext['db']): Promise<ListItem[]>;
}

const categories: ListKind<typeof categorySchema> = {
  table: 'categories',
  path: '/admin/categories',
  title: 'Risk categories and appetite',
  intro: 'Every risk has one category. Appetite is the highest level of current risk the organisation accepts in that category: a risk rated above it is flagged.',
  singular: 'category',
  textField: 'name',
  schema: categorySchema,
  labels: CATEGORY_FIELD_LABELS,
  list: async (db) => (await listCategories(db)).map((c) => ({ id: c.id, text: c.name, appetiteRank: c.appetite_rank })),
  find: async (db, id) => {
    const c = await findCategory(db, id);
    return c && { id: c.id, text: c.name, appetiteRank: c.appetite_rank };
  },
  values: (item) => categoryFormValues({ name: item.text, appetite_rank: item.appetiteRank ?? 0 }),
  insert: (tx, change, form) => insertCategory(tx, change, form),
  update: (tx, change, id, form) => updateCategory(tx, change, id, form),
  text: (form) => form.name,
  appetiteRank: (form) => form.appetite_rank,
};

const objectives: ListKind<typeof objectiveSchema> = {
  table: 'objectives',
  path: '/admin/objectives',
  title: 'Strategic objectives',
  intro: 'A risk may name the strategic objective it threatens.',
  singular: 'strategic objective',
  textField: 'title',
  schema: objectiveSchema,
  labels: OBJECTIVE_FIELD_LABELS,
  list: async (db) => (await listObjectives(db)).map((o) => ({ id: o.id, text: o.title })),
  find: async (db, id) => {
    const o = await findObjective(db, id);
    return o && { id: o.id, text: o.title };
  },
  values: (item) => objectiveFormValues({ title: item.text }),
  insert: (tx, change, form) => insertObjective(tx, change, form),
  update: (tx, change, id, form) => updateObjective(tx, change, id, form),
  text: (form) => form.title,
};

export function adminListRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(listRoutes(ctx, categories));
  router.use(listRoutes(ctx, objectives));
  return router;
}

function listRoutes<S extends z.ZodType>({ db, clock }: AppContext, kind: ListKind<S>): Router {
  const router = Router();
  const admin = adminOnly(db);
  const crumb = { text: kind.title, href: kind.path };
  const isCategory = kind.table === 'categories';
  const view = { title: kind.title, intro: kind.intro, path: kind.path, singular: kind.singular, isCategory };
  const savedMessages: Record<string, string> = {
    added: `${capitalise(kind.singular)} added`,
    changed: `${capitalise(kind.singular)} saved`,
    deleted: `${capitalise(kind.singular)} deleted`,
  };

  async function renderList(res: Response, page: { status?: number; errors?: FormErrors; saved?: unknown }): Promise<void> {
    const [items, usage, matrix] = await Promise.all([kind.list(db), listUsage(db, kind.table), loadMatrix(db)]);
    res.status(page.status ?? 200).render('admin/list', {
      title: kind.title,
      kind: view,
      breadcrumbs: [ADMIN_CRUMB, { text: kind.title }],
      savedMessage: savedMessage(savedMessages, page.saved),
      errors: page.errors,
      items: items.map((item, index) => ({
        ...item,
        level: item.appetiteRank === undefined ? undefined : matrix.levels.find((l) => l.rank === item.appetiteRank),
        usedBy: usage.get(item.id) ?? 0,
        first: index === 0,
        last: index === items.length - 1,
      })),
    });
  }

  async function renderForm(res: Response, item: ListItem | null, page: FormState): Promise<void> {
    const matrix = await loadMatrix(db);
    res.status(page.status).render('admin/list-item-form', {
      title: item ? pageTitle(`Change a ${kind.singular}`, item.text) : `Add a ${kind.singular}`,
      heading: item ? `Change a ${kind.singular}` : `Add a ${kind.singular}`,
      caption: item?.text,
      kind: view,
      breadcrumbs: [ADMIN_CRUMB, crumb, { text: item ? item.text : 'Add' }],
      action: item ? `${kind.path}/${item.id}` : kind.path,
      editing: item !== null,
      levels: toOptions(matrix.levels, (l) => l.rank, (l) => l.name, page.values.appetite_rank),
      ...page,
    });
  }

  async function itemFromPath(value: string | string[] | undefined): Promise<ListItem> {
    const item = await kind.find(db, idParam(value, `That ${kind.singular}`));
    if (!item) throw notFound(`That ${kind.singular}`);
    return item;
  }

  router.get(kind.path, admin, async (req, res) => {
    await renderList(res, { saved: req.query.saved });
  });

  router.get(`${kind.path}/new`, admin, async (_req, res) => {
    await renderForm(res, null, blankForm({}));
  });

  router.post(kind.path, admin, async (req, res) => {
    const values = typedValues(req.body);
    const parsed = parseForm(kind.schema, req.body);
    if (!parsed.ok) {
      await renderForm(res, null, refusedForm(values, parsed.errors));
      return;
    }
    const outcome = await db.transaction().execute((tx) => addListItem(tx, changeOf(res, clock), kind, parsed.data));
    if (outcome.kind === 'refused') {
      await renderForm(res, null, refusedForm(values, formErrors(outcome.problems)));
      return;
    }
    res.redirect(303, `${kind.path}?saved=added`);
  });

  router.get(`${kind.path}/:id/edit`, admin, async (req, res) => {
    const item = await itemFromPath(req.params.id);
    await renderForm(res, item, editForm(kind.values(item)));
  });

  router.post(`${kind.path}/:id`, admin, async (req, res) => {
    const item = await itemFromPath(req.params.id);
    const values = typedValues(req.body);
    const base = decodeBase(req.body);
    const parsed = parseForm(kind.schema, req.body);
    if (!parsed.ok || base === null) {
      await renderForm(res, item, refusedForm(values, parsed.ok ? formErrors([[kind.textField, STALE_FORM]]) : parsed.errors));
      return;
    }
    const outcome = await db.transaction().execute((tx) => changeListItem(tx, changeOf(res, clock), kind, item.id, base, parsed.data));
    if (outcome.kind === 'gone') throw notFound(`That ${kind.singular}`);
    if (outcome.kind === 'refused') {
      await renderForm(res, item, refusedForm(values, formErrors(outcome.problems)));
      return;
    }
    if (outcome.kind === 'stale') {
      const matrix = await loadMatrix(db);
      await renderForm(res, await itemFromPath(req.params.id), staleForm({
        what: kind.singular,
        viewHref: kind.path,
        labels: kind.labels,
        base,
        saved: outcome.saved,
        entered: values,
        display: (field, value) => (field === 'appetite_rank' ? matrix.levels.find((l) => String(l.rank) === value)?.name ?? value : value),
      }));
      return;
    }
    res.redirect(303, `${kind.path}?saved=changed`);
  });

  router.post(`${kind.path}/:id/move`, admin, async (req, res) => {
    const item = await itemFromPath(req.params.id);
    const parsed = parseForm(moveItemSchema, req.body);
    if (!parsed.ok) {
      await renderList(res, { status: 400, errors: parsed.errors });
      return;
    }
    const { direction } = parsed.data;
    await db.transaction().execute((tx) => moveListItem(tx, changeOf(res, clock), kind.table, item.id, direction));
    res.redirect(303, `${kind.path}#item-${item.id}`);
  });

  // Confirmation first: the list's "Delete" is a link to this page.
  router.get(`${kind.path}/:id/delete`, admin, async (req, res) => {
    const item = await itemFromPath(req.params.id);
    res.render('confirm', confirmPage({
      title: `Delete ${kind.singular}: ${item.text}`,
      caption: kind.title,
      heading: `Delete the ${kind.singular} “${item.text}”?`,
      details: [`It goes from the list for good. Only a ${kind.singular} no risk uses can be deleted; the history keeps a record of it.`],
      action: `${kind.path}/${item.id}/delete`,
      button: `Delete the ${kind.singular}`,
      cancelHref: `${kind.path}#item-${item.id}`,
      breadcrumbs: [ADMIN_CRUMB, { text: kind.title, href: kind.path }, { text: 'Delete' }],
    }));
  });

  // An item in use cannot be deleted: the risks that use it would lose their meaning. Renaming is offered instead.
  router.post(`${kind.path}/:id/delete`, admin, async (req, res) => {
    const item = await itemFromPath(req.params.id);
    const outcome = await db.transaction().execute((tx) => deleteUnusedListItem(tx, changeOf(res, clock), kind.table, item.id));
    if (outcome.kind === 'in_use') {
      const usedBy = outcome.risks;
      const message = `${item.text} is used by ${usedBy === 1 ? '1 risk' : `${usedBy} risks`}, so it cannot be deleted: rename it instead`;
      await renderList(res, { status: 409, errors: formErrors([[`item-${item.id}`, message]]) });
      return;
    }
    res.redirect(303, `${kind.path}?saved=deleted`);
  });

  return router;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
