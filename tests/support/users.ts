import type { Express } from 'express';
import request from 'supertest';
import type { Db } from '../../db/connection';
import { hashPassword } from '../../server/access/passwords';
import type { Grant } from '../../server/domain/roles';
import { createUser } from '../../server/queries/users';

export const TEST_PASSWORD = 'correct horse battery staple';

export type Client = ReturnType<typeof request.agent>;

let counter = 0;

/** A user holding these roles; the email is made unique unless given. */
export async function addUser(db: Db, grants: Grant[], email = `user${++counter}-${process.pid}@example.gov.uk`): Promise<{ id: number; email: string }> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const id = await db.transaction().execute((tx) => createUser(tx, { name: `Test User ${counter}`, email, jobTitle: 'Tester', homeNodeId: null, passwordHash, grants }));
  return { id, email };
}

/** The hidden CSRF token of the first form on a page. */
export function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** Signs in through the real form, as a browser would, and returns a client that sends the session's CSRF token with every request. */
export async function signIn(app: Express, email: string, password = TEST_PASSWORD, client: Client = request.agent(app)): Promise<Client> {
  const form = await client.get('/sign-in').expect(200);
  await client.post('/sign-in').type('form').send({ _csrf: csrfTokenIn(form.text), email, password }).expect(303);
  const home = await client.get('/').expect(200);
  client.set('X-CSRF-Token', csrfTokenIn(home.text));
  return client;
}

/** A new user with these roles, signed in. */
export async function signInWith(app: Express, db: Db, grants: Grant[]): Promise<Client> {
  const user = await addUser(db, grants);
  return signIn(app, user.email);
}
