import { Router, type Response } from 'express';
import type { AppContext } from '../app';
import { allow } from '../access/guard';
import { generatePassword, hashPassword } from '../access/passwords';
import { organisation } from '../access/scopes';
import { signedInUser } from '../access/session';
import { ROLE_LABELS, ROLES } from '../domain/roles';
import { AppError, notFound } from '../errors';
import { formErrors, hasErrors, parseForm, typedValues, type FormErrors } from '../forms/parse';
import { grantSchema, newUserSchema, passwordSchema } from '../forms/user-form';
import { placeholder, toOptions } from '../presenters/options';
import { listNodes } from '../queries/nodes';
import { deleteSessionsOfUser } from '../queries/sessions';
import { countOrganisationAdmins, createUser, findUser, insertGrant, listGrantsWithNodes, listUsers, userExistsWithEmail } from '../queries/users';
import { changeOf, idParam } from './params';
import { recordAudit, type Change } from '../queries/audit';
import type { Tx } from '../../db/connection';
import { today } from '../clock';
import { clearSignInLock } from '../changes/sign-in-attempts';
import { signInStanding } from '../presenters/sign-in-standing';

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
    const grants = await listGrantsWithNodes(db, id);
    const signIn = await signInStanding(db, clock, user.email);
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
      signIn,
    });
  }

  async function setDisabled(user: { id: number; name: string; email: string; disabled_on: string | null }, disabledOn: string | null, change: Change) {
    if (user.disabled_on === disabledOn) return;
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ disabled_on: disabledOn }).where('id', '=', user.id).execute();
      if (disabledOn) await deleteSessionsOfUser(tx, user.id);
      await recordAudit(tx, change.actor, { ...userEvent(user.id, `${user.name} (${user.email})`, change.at), action: 'update', before: { disabled_on: user.disabled_on }, after: { disabled_on: disabledOn } });
    });
  }

  router.get('/admin/users', admin, async (_req, res) => {
    const [users, grants] = await Promise.all([listUsers(db), listGrantsWithNodes(db)]);
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
    const change = changeOf(res, clock);
    const id = await db.transaction().execute(async (tx) => {
      const userId = await createUser(tx, { name, email, jobTitle: job_title, homeNodeId: node_id, passwordHash, grants: [{ role, node_id }] });
      await recordAudit(tx, change.actor, { ...userEvent(userId, `${name} (${email})`, change.at), action: 'create', after: { name, email, job_title } });
      await auditGrants(tx, change, userId, name, 'create', await tx.selectFrom('role_grants').select('id').where('user_id', '=', userId).execute());
      return userId;
    });
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
    const user = await findUser(db, id);
    if (!user) throw notFound('That user');
    const change = changeOf(res, clock);
    const added = await db.transaction().execute(async (tx) => {
      const grantId = await insertGrant(tx, id, role, node_id);
      if (grantId !== undefined) await auditGrants(tx, change, id, user.name, 'create', [{ id: grantId }]);
      return grantId !== undefined;
    });
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
    const user = await findUser(db, id);
    const change = changeOf(res, clock);
    await db.transaction().execute(async (tx) => {
      await auditGrants(tx, change, id, user?.name ?? '', 'delete', [{ id: grantId }]);
      await tx.deleteFrom('role_grants').where('id', '=', grantId).execute();
    });
    await renderUser(res, id, { message: 'Role removed' });
  });

  router.post('/admin/users/:id/password', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    const parsed = parseForm(passwordSchema, req.body);
    if (!parsed.ok) {
      await renderUser(res, id, { status: 400, errors: parsed.errors });
      return;
    }
    const user = await findUser(db, id);
    if (!user) throw notFound('That user');
    const password = parsed.data.password || generatePassword();
    const passwordHash = await hashPassword(password);
    const change = changeOf(res, clock);
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
      // A new password ends every session the old one opened, and lifts any lock on the
      // address: the lock page tells a locked-out user to ask for exactly this.
      await deleteSessionsOfUser(tx, id);
      await clearSignInLock(tx, change, user, 'New password set');
      // Never the password itself, nor its hash: only that it changed.
      await recordAudit(tx, change.actor, { ...userEvent(id, `${user.name} (${user.email})`, change.at), action: 'update', before: { password: 'previous' }, after: { password: 'new password set' } });
    });
    await renderUser(res, id, { newPassword: parsed.data.password ? undefined : password, message: 'Password changed. The user is signed out everywhere.' });
  });

  router.post('/admin/users/:id/unlock', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    const user = await findUser(db, id);
    if (!user) throw notFound('That user');
    const change = changeOf(res, clock);
    const cleared = await db.transaction().execute(async (tx) => {
      const done = await clearSignInLock(tx, change, user, 'Cleared by hand');
      if (done) await recordAudit(tx, change.actor, { ...userEvent(id, `${user.name} (${user.email})`, change.at), action: 'update', before: { sign_in: 'failed attempts counted' }, after: { sign_in: 'lock cleared' } });
      return done;
    });
    // Clearing twice (two admins, or a double submit) is harmless: the second finds nothing.
    await renderUser(res, id, { message: cleared ? 'Sign-in lock cleared. The user can sign in now.' : 'There was no lock to clear' });
  });

  router.post('/admin/users/:id/disable', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    if (signedInUser(res)?.id === id) throw new AppError(409, 'self', 'You cannot disable your own account. Ask another admin.');
    const user = await findUser(db, id);
    if (!user) throw notFound('That user');
    await setDisabled(user, today(clock), changeOf(res, clock));
    await renderUser(res, id, { message: 'User disabled and signed out' });
  });

  router.post('/admin/users/:id/enable', admin, async (req, res) => {
    const id = idParam(req.params.id, 'That user');
    const user = await findUser(db, id);
    if (!user) throw notFound('That user');
    await setDisabled(user, null, changeOf(res, clock));
    await renderUser(res, id, { message: 'User enabled' });
  });

  return router;
}

function userEvent(id: number, subject: string, at: string) {
  return { entityType: 'user', entityId: id, subject, nodeId: null, at };
}

/** Each grant added or removed, in words: the role and where, by name. */
async function auditGrants(tx: Tx, change: Change, userId: number, userName: string, action: 'create' | 'delete', grants: { id: number }[]) {
  for (const { id } of grants) {
    const grant = await tx
      .selectFrom('role_grants')
      .leftJoin('nodes', 'nodes.id', 'role_grants.node_id')
      .select(['role_grants.role', 'role_grants.node_id', 'nodes.name as node_name'])
      .where('role_grants.id', '=', id)
      .executeTakeFirstOrThrow();
    const values = { user_id: userId, role: grant.role, where: grant.node_name ?? 'The whole organisation' };
    await recordAudit(tx, change.actor, {
      entityType: 'role',
      entityId: id,
      subject: `${userName}: ${ROLE_LABELS[grant.role]}`,
      nodeId: grant.node_id,
      at: change.at,
      action,
      ...(action === 'create' ? { after: values } : { before: values }),
    });
  }
}
