import type { Tx } from '../../db/connection';
import { ROLE_LABELS, type Role } from '../domain/roles';
import { recordAudit, type Change } from '../queries/audit';
import { deleteSessionsOfUser } from '../queries/sessions';
import { countOrganisationAdmins, createUser, findUser, insertGrant, userExistsWithEmail } from '../queries/users';
import { clearSignInLock } from './sign-in-attempts';
import { revokeFeedsOfUser } from './calendar-feeds';

// Every change to who may sign in and what they may do. Each takes the transaction it runs in,
// checks its rules against what that transaction reads, and records itself in the history.

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

const nodeExists = async (tx: Tx, nodeId: number | null) =>
  nodeId === null || Boolean(await tx.selectFrom('nodes').select('id').where('id', '=', nodeId).executeTakeFirst());

function userEvent(user: { id: number; name: string; email: string }, at: string) {
  return { entityType: 'user', entityId: user.id, subject: `${user.name} (${user.email})`, nodeId: null, at };
}

/** Each grant added or removed, in words: the role and where, by name. */
async function auditGrant(tx: Tx, change: Change, user: { id: number; name: string }, action: 'create' | 'delete', grantId: number) {
  const grant = await tx
    .selectFrom('role_grants')
    .leftJoin('nodes', 'nodes.id', 'role_grants.node_id')
    .select(['role_grants.role', 'role_grants.node_id', 'nodes.name as node_name'])
    .where('role_grants.id', '=', grantId)
    .executeTakeFirstOrThrow();
  const values = { user_id: user.id, role: grant.role, where: grant.node_name ?? 'The whole organisation' };
  await recordAudit(tx, change.actor, {
    entityType: 'role',
    entityId: grantId,
    subject: `${user.name}: ${ROLE_LABELS[grant.role]}`,
    nodeId: grant.node_id,
    at: change.at,
    action,
    ...(action === 'create' ? { after: values } : { before: values }),
  });
}

/**
 * True when taking this user's whole-organisation admin role away (by removing it or disabling
 * them) would leave nobody to administer Bulwark. Counted inside the caller's transaction: two
 * admins removing each other at once are serialised, and the second finds one admin left.
 */
async function wouldLeaveNoAdmin(tx: Tx, userId: number): Promise<boolean> {
  const isOrganisationAdmin = await tx
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select('role_grants.id')
    .where('role_grants.user_id', '=', userId)
    .where('role_grants.role', '=', 'admin')
    .where('role_grants.node_id', 'is', null)
    .where('users.disabled_on', 'is', null)
    .executeTakeFirst();
  return Boolean(isOrganisationAdmin) && (await countOrganisationAdmins(tx)) <= 1;
}

export const LAST_ADMIN = 'This is the only admin for the whole organisation. Give another user that role first.';

export type NewUserOutcome = { kind: 'created'; userId: number } | { kind: 'refused'; problems: [string, string][] };

export async function createUserAccount(
  tx: Tx,
  change: Change,
  user: { name: string; email: string; jobTitle: string; role: Role; nodeId: number | null; passwordHash: string },
): Promise<NewUserOutcome> {
  const problems: [string, string][] = [];
  if (await userExistsWithEmail(tx, user.email)) problems.push(['email', 'There is already a user with this email address']);
  if (!(await nodeExists(tx, user.nodeId))) problems.push(['node_id', 'Select where the role applies from the list']);
  if (problems.length > 0) return { kind: 'refused', problems };
  const userId = await createUser(tx, { name: user.name, email: user.email, jobTitle: user.jobTitle, homeNodeId: user.nodeId, passwordHash: user.passwordHash, grants: [{ role: user.role, node_id: user.nodeId }] });
  await recordAudit(tx, change.actor, { ...userEvent({ id: userId, ...user }, change.at), action: 'create', after: { name: user.name, email: user.email, job_title: user.jobTitle } });
  for (const { id } of await tx.selectFrom('role_grants').select('id').where('user_id', '=', userId).execute()) {
    await auditGrant(tx, change, { id: userId, name: user.name }, 'create', id);
  }
  return { kind: 'created', userId };
}

export type GrantOutcome = { kind: 'granted' } | { kind: 'already_held' } | { kind: 'no_such_node' } | { kind: 'no_such_user' };

export async function grantRole(tx: Tx, change: Change, userId: number, role: Role, nodeId: number | null): Promise<GrantOutcome> {
  const user = await findUser(tx, userId);
  if (!user) return { kind: 'no_such_user' };
  if (!(await nodeExists(tx, nodeId))) return { kind: 'no_such_node' };
  const grantId = await insertGrant(tx, userId, role, nodeId);
  if (grantId === undefined) return { kind: 'already_held' };
  await auditGrant(tx, change, user, 'create', grantId);
  return { kind: 'granted' };
}

export type RemoveGrantOutcome = { kind: 'removed' } | { kind: 'already_removed' } | { kind: 'last_admin' };

export async function removeRole(tx: Tx, change: Change, userId: number, grantId: number): Promise<RemoveGrantOutcome> {
  const grant = await tx.selectFrom('role_grants').selectAll().where('id', '=', grantId).where('user_id', '=', userId).executeTakeFirst();
  // Already removed, perhaps by another admin: the route says so rather than fail.
  if (!grant) return { kind: 'already_removed' };
  if (grant.role === 'admin' && grant.node_id === null && (await wouldLeaveNoAdmin(tx, userId))) return { kind: 'last_admin' };
  const user = await findUser(tx, userId);
  await auditGrant(tx, change, { id: userId, name: user?.name ?? '' }, 'delete', grantId);
  await tx.deleteFrom('role_grants').where('id', '=', grantId).execute();
  return { kind: 'removed' };
}

export type DisableOutcome = { kind: 'done' } | { kind: 'last_admin' } | { kind: 'no_such_user' };

/** Disables (signing them out everywhere) or enables a user; `disabledOn` null enables. */
export async function setUserDisabled(tx: Tx, change: Change, userId: number, disabledOn: string | null): Promise<DisableOutcome> {
  const user = await findUser(tx, userId);
  if (!user) return { kind: 'no_such_user' };
  if (user.disabled_on === disabledOn || (user.disabled_on !== null && disabledOn !== null)) return { kind: 'done' };
  if (disabledOn !== null && (await wouldLeaveNoAdmin(tx, userId))) return { kind: 'last_admin' };
  await tx.updateTable('users').set({ disabled_on: disabledOn }).where('id', '=', userId).execute();
  if (disabledOn) await deleteSessionsOfUser(tx, userId);
  await recordAudit(tx, change.actor, { ...userEvent(user, change.at), action: 'update', before: { disabled_on: user.disabled_on }, after: { disabled_on: disabledOn } });
  // Their secret calendar feeds stop too, for good: enabling the user again does not revive them.
  if (disabledOn) await revokeFeedsOfUser(tx, change, userId, 'User disabled');
  return { kind: 'done' };
}

/** A new password: every session the old one opened ends, and any sign-in lock is lifted (the lock message tells a locked-out user to ask for exactly this). */
export async function setPassword(tx: Tx, change: Change, user: UserRow, passwordHash: string): Promise<void> {
  await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
  await deleteSessionsOfUser(tx, user.id);
  await clearSignInLock(tx, change, user, 'New password set');
  // Never the password itself, nor its hash: only that it changed.
  await recordAudit(tx, change.actor, { ...userEvent(user, change.at), action: 'update', before: { password: 'previous' }, after: { password: 'new password set' } });
}

/** Lifts the sign-in throttle on a user's address by hand; false when there was nothing to clear (a double submit, or another admin first). */
export async function clearUserSignInLock(tx: Tx, change: Change, user: UserRow): Promise<boolean> {
  const cleared = await clearSignInLock(tx, change, user, 'Cleared by hand');
  if (cleared) await recordAudit(tx, change.actor, { ...userEvent(user, change.at), action: 'update', before: { sign_in: 'failed attempts counted' }, after: { sign_in: 'lock cleared' } });
  return cleared;
}
