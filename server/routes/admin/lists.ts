import { Router, type Response } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../../app';
import { adminOnly } from './guard';
import type { Tx } from '../../../db/connection';
import type { Change } from '../../queries/audit';
import { notFound } from '../../errors';
import { changedSince, decodeBase, encodeBase, mergeStaleEdit, type ConflictNotice } from '../../forms/conflict';
import {
  CATEGORY_FIELD_LABELS,
  categoryFormValues,
  categorySchema,
  moveItemSchema,
  OBJECTIVE_FIELD_LABELS,
  objectiveFormValues,
  objectiveSchema,
} from '../../forms/list-forms';
import { formErrors, hasErrors, parseForm, typedValues, type FormErrors } from '../../forms/parse';
import { ADMIN_CRUMB } from '../../presenters/admin-nodes';
import { toOptions } from '../../presenters/options';
import { savedMessage } from '../../presenters/saved-message';
import {
  deleteListItem,
  findCategory,
  findListItemWithText,
  findObjective,
  insertCategory,
  insertObjective,
  listUsage,
  moveListItem,
  updateCategory,
  updateObjective,
  type ListTable,
} from '../../queries/lists';
import { listCategories, listObjectives, loadMatrix } from '../../queries/reference';
import { changeOf, idParam } from '../params';

const STALE_FORM = 'The form is out of date: reload the page and try again';

interface ListItem {
  id: number;
  text: string;
  /** Matrix level rank, for categories. */
  appetiteRank?: number;
}

/** What differs between the two admin lists; the pages and rules are the same. */
interface ListKind<S extends z.ZodType> {
  table: ListTable;
  path: string;
  title: string;
  intro: string;
  singular: string;
  textField: string;
  schema: S;
  labels: Record<string, string>;
  list(db: Tx | AppContext['db']): Promise<ListItem[]>;
  find(db: Tx | AppContext['db'], id: number): Promise<ListItem | undefined>;
  values(item: ListItem): Record<string, string>;
  insert(tx: Tx, change: Change, form: z.output<S>): Promise<number>;
  update(tx: Tx, change: Change, id: number, form: z.output<S>): Promise<void>;
  text(form: z.output<S>): string;
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

  async function renderForm(res: Response, item: ListItem | null, page: { status?: number; values: Record<string, string>; errors?: FormErrors; conflict?: ConflictNotice }): Promise<void> {
    const matrix = await loadMatrix(db);
    res.status(page.status ?? 200).render('admin/list-item-form', {
      title: item ? `Change ${item.text}` : `Add a ${kind.singular}`,
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

  /** Names are unique without case, and an appetite must be a level of the matrix. */
  async function checkItem(tx: Tx, form: z.output<S>, exceptId?: number): Promise<FormErrors> {
    const problems: [string, string][] = [];
    const text = kind.text(form);
    if (await findListItemWithText(tx, kind.table, text, exceptId)) problems.push([kind.textField, `There is already a ${kind.singular} called ${text}`]);
    if (isCategory) {
      const rank = (form as z.output<typeof categorySchema>).appetite_rank;
      if (!(await tx.selectFrom('matrix_levels').select('rank').where('rank', '=', rank).executeTakeFirst())) {
        problems.push(['appetite_rank', 'Select the highest acceptable level']);
      }
    }
    return formErrors(problems);
  }

  router.get(kind.path, admin, async (req, res) => {
    await renderList(res, { saved: req.query.saved });
  });

  router.get(`${kind.path}/new`, admin, async (_req, res) => {
    await renderForm(res, null, { values: {} });
  });

  router.post(kind.path, admin, async (req, res) => {
    const values = typedValues(req.body);
    const parsed = parseForm(kind.schema, req.body);
    if (!parsed.ok) {
      await renderForm(res, null, { status: 400, values, errors: parsed.errors });
      return;
    }
    const errors = await db.transaction().execute(async (tx) => {
      const problems = await checkItem(tx, parsed.data);
      if (!hasErrors(problems)) await kind.insert(tx, changeOf(res, clock), parsed.data);
      return problems;
    });
    if (hasErrors(errors)) {
      await renderForm(res, null, { status: 400, values, errors });
      return;
    }
    res.redirect(303, `${kind.path}?saved=added`);
  });

  router.get(`${kind.path}/:id/edit`, admin, async (req, res) => {
    const item = await itemFromPath(req.params.id);
    const values = kind.values(item);
    await renderForm(res, item, { values: { ...values, base: encodeBase(values) } });
  });

  router.post(`${kind.path}/:id`, admin, async (req, res) => {
    const item = await itemFromPath(req.params.id);
    const values = typedValues(req.body);
    const base = decodeBase(req.body);
    const parsed = parseForm(kind.schema, req.body);
    if (!parsed.ok || base === null) {
      await renderForm(res, item, { status: 400, values, errors: parsed.ok ? formErrors([[kind.textField, STALE_FORM]]) : parsed.errors });
      return;
    }
    const outcome = await db.transaction().execute(async (tx) => {
      const current = await kind.find(tx, item.id);
      if (!current) throw notFound(`That ${kind.singular}`);
      const saved = kind.values(current);
      if (changedSince(Object.keys(kind.labels), base, saved)) return { stale: saved };
      const errors = await checkItem(tx, parsed.data, item.id);
      if (hasErrors(errors)) return { errors };
      await kind.update(tx, changeOf(res, clock), item.id, parsed.data);
      return { done: true };
    });
    if (outcome.errors) {
      await renderForm(res, item, { status: 400, values, errors: outcome.errors });
      return;
    }
    if (outcome.stale) {
      const matrix = await loadMatrix(db);
      const display = (field: string, value: string) => (field === 'appetite_rank' ? matrix.levels.find((l) => String(l.rank) === value)?.name ?? value : value);
      const merged = mergeStaleEdit(kind.labels, base, outcome.stale, values, display);
      await renderForm(res, await itemFromPath(req.params.id), {
        status: 409,
        values: { ...merged.values, base: encodeBase(outcome.stale) },
        conflict: { what: kind.singular, changes: merged.changes, viewHref: kind.path },
      });
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

  // An item in use cannot be deleted: the risks that use it would lose their meaning. Renaming is offered instead.
  router.post(`${kind.path}/:id/delete`, admin, async (req, res) => {
    const item = await itemFromPath(req.params.id);
    const usedBy = await db.transaction().execute(async (tx) => {
      const count = (await listUsage(tx, kind.table)).get(item.id) ?? 0;
      if (count === 0) await deleteListItem(tx, changeOf(res, clock), kind.table, item.id);
      return count;
    });
    if (usedBy > 0) {
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
