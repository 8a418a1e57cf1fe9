import { Router, type Response } from 'express';
import type { AppContext } from '../app';
import { allow } from '../access/guard';
import { generatePassword, hashPassword } from '../access/passwords';
import { organisation } from '../access/scopes';
import { signedInUser } from '../access/session';
import { ROLE_LABELS, ROLES, type Role } from '../domain/roles';
import { AppError, notFound } from '../errors';
import { formErrors, hasErrors, parseForm, typedValues, type FormErrors } from '../forms/parse';
import { grantSchema, newUserSchema, passwordSchema } from '../forms/user-form';
import { placeholder, toOptions } from '../presenters/options';
import { listNodes } from '../queries/nodes';
import { deleteSessionsOfUser } from '../queries/sessions';
import { createUser, findUser, insertGrant, listAllGrants, listUsers, userExistsWithEmail } from '../queries/users';
import { idParam } from './params';

// Users and their roles. Only whole-organisation admins manage them: a role can reach any node.

async function roleOptions(db: AppContext['db'], values: Record<string, string>) {
  const nodes = (await listNodes(db)).filter((n) => n.retired_on === null);
  return {
    roles: [placeholder('Select a role', values.role), ...toOptions(ROLES, (r) => r, (r) => ROLE_LABELS[r], values.role)],
    nodes: [
      { value: '', text: 'The whole organisation', selected: !values.node_id },
      ...toOptions(nodes, (n) => n.id, (n) => `${n.name} (${n.code})`, values.node_id),
    ],
  };
}

export function userRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const admin = allow(db, 'administer', organisation);

  async function renderUser(res: Response, id: number, extra: { status?: number; values?: Record<string, string>; errors?: FormErrors; newPassword?: string; message?: string } = {}) {
    const user = await findUser(db, id);
    if (!user) throw notFound('That user');
    const grants = (await listAllGrants(db)).filter((g) => g.user_id === id);
    const values = extra.values ?? {};
    res.status(extra.status ?? 200).render('users/user', {
      title: user.name,
      breadcrumbs: [{ text: 'Users', href: '/admin/users' }, { text: user.name }],
      user,
      grants: grants.map((g) => ({ ...g, roleLabel: ROLE_LABELS[g.role], where: g.node_name ?? 'The whole organisation' })),
      options: await roleOptions(db, values),
      values,
      errors: extra.errors,
      newPassword: extra.newPassword,
      message: extra.message,
      isSelf: signedInUser(res)?.id === id,
    });
  }

  router.get('/admin/users', admin, async (_req, res) => {
    const [users, grants] = await Promise.all([listUsers(db), listAllGrants(db)]);
    res.render('users/list', {
      title: 'Users',
      users: users.map((u) => ({
        ...u,
        roles: grants.filter((g) => g.user_id === u.id).map((g) => `${ROLE_LABELS[g.role]}, ${g.node_name ?? 'whole organisation'}`),
      })),
    });
  });

  router.get('/admin/users/new', admin, async (_req, res) => {
    res.render('users/new', { title: 'Add a user', values: {}, options: await roleOptions(db, {}) });
  });

  router.post('/admin/users', admin, async (req, res) => {
    const values = typedValues(req.body);
    const parsed = parseForm(newUserSchema.extend(grantSchema.shape), req.body);
    let errors: FormErrors = parsed.ok ? formErrors([]) : parsed.errors;
    if (parsed.ok) {
      const entries: [string, string][] = [];
      if (await userExistsWithEmail(db, parsed.data.email)) entries.push(['email', 'There is already a user with this email address']);
      if (parsed.data.node_id !== null && !(await db.selectFrom('nodes').select('id').where('id', '=', parsed.data.node_id).executeTakeFirst())) {
        entries.push(['node_id', 'Select where the role applies from the list']);
      }
      errors = formErrors(entries);
    }
    if (!parsed.ok || hasErrors(errors)) {
      res.status(400).render('users/new', { title: 'Add a user', values: { ...values, password: '' }, errors, options: await roleOptions(db, values) });
      return;
    }
    const { name, email, job_title, role, node_id } = parsed.data;
    const password = parsed.data.password || generatePassword();
    const passwordHash = await hashPassword(password);
    const id = await db.transaction().execute((tx) =>
      createUser(tx, { name, email, jobTitle: job_title, homeNodeId: node_id, passwordHash, grants: [{ role, node_id }] }));
    await renderUser(res, id, { newPassword: parsed.data.password ? undefined : password, message: 'User added' });
  });

  router.get('/admin/users/:id', admin, async (req, res) => {
    await renderUser(res, idParam(req.params.id, 'That user'));
  });

  router.post('/admin/users/:id/roles', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    const values = typedValues(req.body);
    const parsed = parseForm(grantSchema, req.body);
    if (!parsed.ok) {
      await renderUser(res, id, { status: 400, values, errors: parsed.errors });
      return;
    }
    const { role, node_id } = parsed.data;
    if (node_id !== null && !(await db.selectFrom('nodes').select('id').where('id', '=', node_id).executeTakeFirst())) {
      await renderUser(res, id, { status: 400, values, errors: formErrors([['node_id', 'Select where the role applies from the list']]) });
      return;
    }
    if (!(await findUser(db, id))) throw notFound('That user');
    const added = await insertGrant(db, id, role, node_id);
    await renderUser(res, id, { message: added ? 'Role added' : 'The user already has that role there' });
  });

  router.post('/admin/users/:id/roles/:grantId/remove', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    const grantId = idParam(req.params.grantId, 'That role');
    const grant = await db.selectFrom('role_grants').selectAll().where('id', '=', grantId).where('user_id', '=', id).executeTakeFirst();
    if (!grant) {
      // Already removed, perhaps by another admin: say so rather than fail.
      await renderUser(res, id, { message: 'That role had already been removed' });
      return;
    }
    if (grant.role === 'admin' && grant.node_id === null && (await countOrganisationAdmins(db)) <= 1) {
      throw new AppError(409, 'last_admin', 'This is the only admin for the whole organisation. Give another user that role before removing this one.');
    }
    await db.deleteFrom('role_grants').where('id', '=', grantId).execute();
    await renderUser(res, id, { message: 'Role removed' });
  });

  router.post('/admin/users/:id/password', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    const parsed = parseForm(passwordSchema, req.body);
    if (!parsed.ok) {
      await renderUser(res, id, { status: 400, errors: parsed.errors });
      return;
    }
    if (!(await findUser(db, id))) throw notFound('That user');
    const password = parsed.data.password || generatePassword();
    await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', id).execute();
    // A new password ends every session the old one opened.
    await deleteSessionsOfUser(db, id);
    await renderUser(res, id, { newPassword: parsed.data.password ? undefined : password, message: 'Password changed. The user is signed out everywhere.' });
  });

  router.post('/admin/users/:id/disable', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    if (signedInUser(res)?.id === id) throw new AppError(409, 'self', 'You cannot disable your own account. Ask another admin.');
    if (!(await findUser(db, id))) throw notFound('That user');
    await db.updateTable('users').set({ disabled_on: clock.now().toISOString().slice(0, 10) }).where('id', '=', id).where('disabled_on', 'is', null).execute();
    await deleteSessionsOfUser(db, id);
    await renderUser(res, id, { message: 'User disabled and signed out' });
  });

  router.post('/admin/users/:id/enable', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    if (!(await findUser(db, id))) throw notFound('That user');
    await db.updateTable('users').set({ disabled_on: null }).where('id', '=', id).execute();
    await renderUser(res, id, { message: 'User enabled' });
  });

  return router;
}

async function countOrganisationAdmins(db: AppContext['db']): Promise<number> {
  const row = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin' satisfies Role)
    .where('role_grants.node_id', 'is', null)
    .where('users.disabled_on', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}
