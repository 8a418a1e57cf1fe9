import type { Db } from '../../db/connection';
import type { Grant, Role } from '../domain/roles';

export interface SignedInUser {
  id: number;
  personId: number;
  name: string;
  email: string;
  grants: Grant[];
}

/** An active user by email, with the hash to check; undefined when there is none. */
export function findActiveUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['users.id', 'users.password_hash'])
    .where('people.email', '=', email)
    .where('users.disabled_on', 'is', null)
    .executeTakeFirst();
}

export function listGrantsOfUser(db: Db, userId: number): Promise<Grant[]> {
  return db.selectFrom('role_grants').select(['role', 'node_id']).where('user_id', '=', userId).execute();
}

export function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['users.id', 'users.disabled_on', 'people.name', 'people.email', 'people.job_title'])
    .orderBy('people.name')
    .execute();
}

/** Grants with the names of their nodes: of one user, or of everyone when no user is given. */
export function listGrantsWithNodes(db: Db, userId?: number) {
  let query = db
    .selectFrom('role_grants')
    .leftJoin('nodes', 'nodes.id', 'role_grants.node_id')
    .select(['role_grants.id', 'role_grants.user_id', 'role_grants.role', 'role_grants.node_id', 'nodes.name as node_name'])
    .orderBy('role_grants.id');
  if (userId !== undefined) query = query.where('role_grants.user_id', '=', userId);
  return query.execute();
}

/** Active users holding admin over the whole organisation: the last one must never lose it. */
export async function countOrganisationAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('role_grants.node_id', 'is', null)
    .where('users.disabled_on', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

export function findUser(db: Db, id: number) {
  return db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['users.id', 'users.person_id', 'users.disabled_on', 'users.version', 'people.name', 'people.email', 'people.job_title', 'people.node_id'])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export function findPersonByEmail(db: Db, email: string) {
  return db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
}

export interface NewUser {
  name: string;
  email: string;
  jobTitle: string;
  /** Where the person works, when they are new to Bulwark. */
  homeNodeId: number | null;
  passwordHash: string;
  grants: Grant[];
}

/** A sign-in for a person, reusing the person record when the email already owns risks. Call inside a transaction. */
export async function createUser(db: Db, user: NewUser): Promise<number> {
  const person = await findPersonByEmail(db, user.email);
  const personId = person?.id ?? (await db
    .insertInto('people')
    .values({ name: user.name, email: user.email, job_title: user.jobTitle, node_id: user.homeNodeId })
    .returning('id')
    .executeTakeFirstOrThrow()).id;
  const { id } = await db.insertInto('users').values({ person_id: personId, password_hash: user.passwordHash }).returning('id').executeTakeFirstOrThrow();
  for (const grant of user.grants) await insertGrant(db, id, grant.role, grant.node_id);
  return id;
}

export async function userExistsWithEmail(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').innerJoin('people', 'people.id', 'users.person_id').select('users.id').where('people.email', '=', email).executeTakeFirst();
  return row !== undefined;
}

/** The new grant's id, or undefined when the user already holds that role there. */
export async function insertGrant(db: Db, userId: number, role: Role, nodeId: number | null): Promise<number | undefined> {
  const row = await db
    .insertInto('role_grants')
    .values({ user_id: userId, role, node_id: nodeId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** False only on a new installation, before the first admin is made. */
export async function anyUserExists(db: Db): Promise<boolean> {
  return Boolean(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}
