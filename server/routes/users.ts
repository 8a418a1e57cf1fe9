import { Router, type Response } from 'express';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { generatePassword, hashPassword } from '../access/passwords';
import { organisation } from '../access/scopes';
import { signedInUser } from '../access/session';
import { clearUserSignInLock, createUserAccount, grantRole, LAST_ADMIN, removeRole, setPassword, setUserDisabled } from '../changes/user-accounts';
import { today } from '../clock';
import { ROLE_LABELS, ROLES } from '../domain/roles';
import { buildTree, inTreeOrder } from '../domain/tree';
import { AppError, notFound } from '../errors';
import { formErrors, parseForm, typedValues, type FormErrors } from '../forms/parse';
import { grantSchema, newUserSchema, passwordSchema } from '../forms/user-form';
import { confirmPage } from '../presenters/confirm-page';
import { placeholder, toOptions } from '../presenters/options';
import { signInStanding } from '../presenters/sign-in-standing';
import { listNodes } from '../queries/nodes';
import { findUser, listGrantsWithNodes, listUsers } from '../queries/users';
import { changeOf, idParam } from './params';
import { pageTitle } from '../presenters/page-title';

// Users and their roles. Only whole-organisation admins manage them: a role can reach any node.
// The writes and their rules live in server/changes/user-accounts.ts.

/** Where a role may apply: the whole organisation, or a live node, in tree order and indented as the site form shows them. */
async function roleOptions(db: AppContext['db'], values: Record<string, string>) {
  const nodes = inTreeOrder(buildTree(await listNodes(db))).filter(({ node }) => node.retired_on === null);
  return {
    roles: [placeholder('Select a role', values.role), ...toOptions(ROLES, (r) => r, (r) => ROLE_LABELS[r], values.role)],
    nodes: [
      { value: '', text: 'The whole organisation', selected: !values.node_id, depth: 0 },
      ...nodes.map(({ node, depth }) => ({ value: String(node.id), text: `${node.name} (${node.code})`, selected: values.node_id === String(node.id), depth })),
    ],
  };
}

const lastAdmin = () => new AppError(409, 'last_admin', LAST_ADMIN);

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
      title: pageTitle('User', user.name),
      breadcrumbs: [{ text: 'Users', href: '/admin/users' }, { text: user.name }],
      // Not `user`: that is the signed-in person the layout's header names.
      account: user,
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

  async function userFromPath(value: string | string[] | undefined) {
    const user = await findUser(db, idParam(value, 'That user'));
    if (!user) throw notFound('That user');
    return user;
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
    const refuse = async (errors: FormErrors) =>
      res.status(400).render('users/new', { title: 'Add a user', values: { ...values, password: '' }, errors, options: await roleOptions(db, values) });
    const parsed = parseForm(newUserSchema.extend(grantSchema.shape), req.body);
    if (!parsed.ok) {
      await refuse(parsed.errors);
      return;
    }
    const form = parsed.data;
    const password = form.password || generatePassword();
    const passwordHash = await hashPassword(password);
    const outcome = await db.transaction().execute((tx) => createUserAccount(tx, changeOf(res, clock), {
      name: form.name, email: form.email, jobTitle: form.job_title, role: form.role, nodeId: form.node_id, passwordHash,
    }));
    if (outcome.kind === 'refused') {
      await refuse(formErrors(outcome.problems));
      return;
    }
    await renderUser(res, outcome.userId, { newPassword: form.password ? undefined : password, message: 'User added' });
  });

  router.get('/admin/users/:id', admin, async (req, res) => {
    await renderUser(res, idParam(req.params.id, 'That user'));
  });

  router.post('/admin/users/:id/roles', admin, async (req, res) => {
    const user = await userFromPath(req.params.id);
    const values = typedValues(req.body);
    const parsed = parseForm(grantSchema, req.body);
    if (!parsed.ok) {
      await renderUser(res, user.id, { status: 400, values, errors: parsed.errors });
      return;
    }
    const outcome = await db.transaction().execute((tx) => grantRole(tx, changeOf(res, clock), user.id, parsed.data.role, parsed.data.node_id));
    if (outcome.kind === 'no_such_user') throw notFound('That user');
    if (outcome.kind === 'no_such_node') {
      await renderUser(res, user.id, { status: 400, values, errors: formErrors([['node_id', 'Select where the role applies from the list']]) });
      return;
    }
    await renderUser(res, user.id, { message: outcome.kind === 'granted' ? 'Role added' : 'The user already has that role there' });
  });

  // Confirmation first: the user page's "Remove" is a link to this page.
  router.get('/admin/users/:id/roles/:grantId/remove', admin, async (req, res) => {
    const user = await userFromPath(req.params.id);
    const grantId = idParam(req.params.grantId, 'That role');
    const grant = (await listGrantsWithNodes(db, user.id)).find((g) => g.id === grantId);
    if (!grant) {
      await renderUser(res, user.id, { message: 'That role had already been removed' });
      return;
    }
    const where = grant.node_name === null ? 'the whole organisation' : `${grant.node_name} and everything below it`;
    res.render('confirm', confirmPage({
      // A user may hold several roles: the title says which one goes.
      title: pageTitle('Remove a role', `${user.name}, ${ROLE_LABELS[grant.role]} over ${grant.node_name ?? 'the whole organisation'}`),
      caption: user.name,
      heading: `Remove the role ${ROLE_LABELS[grant.role]} over ${where}?`,
      details: [`${user.name} loses what this role gives them there at once, including any calendar feed that relies on it.`],
      action: `/admin/users/${user.id}/roles/${grant.id}/remove`,
      button: 'Remove the role',
      cancelHref: `/admin/users/${user.id}`,
      breadcrumbs: [{ text: 'Users', href: '/admin/users' }, { text: user.name, href: `/admin/users/${user.id}` }, { text: 'Remove a role' }],
    }));
  });

  router.post('/admin/users/:id/roles/:grantId/remove', admin, async (req, res) => {
    const user = await userFromPath(req.params.id);
    const grantId = idParam(req.params.grantId, 'That role');
    const outcome = await db.transaction().execute((tx) => removeRole(tx, changeOf(res, clock), user.id, grantId));
    if (outcome.kind === 'last_admin') throw lastAdmin();
    await renderUser(res, user.id, { message: outcome.kind === 'removed' ? 'Role removed' : 'That role had already been removed' });
  });

  router.post('/admin/users/:id/password', admin, async (req, res) => {
    const user = await userFromPath(req.params.id);
    const parsed = parseForm(passwordSchema, req.body);
    if (!parsed.ok) {
      await renderUser(res, user.id, { status: 400, errors: parsed.errors });
      return;
    }
    const password = parsed.data.password || generatePassword();
    const passwordHash = await hashPassword(password);
    await db.transaction().execute((tx) => setPassword(tx, changeOf(res, clock), user, passwordHash));
    await renderUser(res, user.id, { newPassword: parsed.data.password ? undefined : password, message: 'Password changed. The user is signed out everywhere.' });
  });

  router.post('/admin/users/:id/unlock', admin, async (req, res) => {
    const user = await userFromPath(req.params.id);
    const cleared = await db.transaction().execute((tx) => clearUserSignInLock(tx, changeOf(res, clock), user));
    await renderUser(res, user.id, { message: cleared ? 'Sign-in lock cleared. The user can sign in now.' : 'There was no lock to clear' });
  });

  router.get('/admin/users/:id/disable', admin, async (req, res) => {
    const user = await userFromPath(req.params.id);
    if (signedInUser(res)?.id === user.id) throw new AppError(409, 'self', 'You cannot disable your own account. Ask another admin.');
    if (user.disabled_on !== null) {
      await renderUser(res, user.id, { message: 'This user is disabled already' });
      return;
    }
    res.render('confirm', confirmPage({
      title: `Disable a user: ${user.name}`,
      caption: user.name,
      heading: `Disable ${user.name}?`,
      details: [
        `${user.name} (${user.email}) is signed out everywhere at once and cannot sign in until an admin enables them again. Their roles are kept.`,
      ],
      warning: 'Their calendar feeds stop working for good: enabling them again does not bring the feeds back.',
      action: `/admin/users/${user.id}/disable`,
      button: 'Disable this user',
      cancelHref: `/admin/users/${user.id}`,
      breadcrumbs: [{ text: 'Users', href: '/admin/users' }, { text: user.name, href: `/admin/users/${user.id}` }, { text: 'Disable' }],
    }));
  });

  router.post('/admin/users/:id/disable', admin, async (req, res) => {
    const user = await userFromPath(req.params.id);
    if (signedInUser(res)?.id === user.id) throw new AppError(409, 'self', 'You cannot disable your own account. Ask another admin.');
    const outcome = await db.transaction().execute((tx) => setUserDisabled(tx, changeOf(res, clock), user.id, today(clock)));
    if (outcome.kind === 'last_admin') throw lastAdmin();
    await renderUser(res, user.id, { message: 'User disabled and signed out' });
  });

  router.post('/admin/users/:id/enable', admin, async (req, res) => {
    const user = await userFromPath(req.params.id);
    await db.transaction().execute((tx) => setUserDisabled(tx, changeOf(res, clock), user.id, null));
    await renderUser(res, user.id, { message: 'User enabled' });
  });

  return router;
}
