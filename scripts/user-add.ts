// Adds a user who can sign in, with one role. The first admin is made this way:
//   npm run user:add -- --email you@example.gov.uk --name "Your Name" --role admin
// Options: --node CODE (where the role applies; the whole organisation when left out),
// --job-title TEXT, --password TEXT (made up and printed when left out; or BULWARK_PASSWORD).
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase } from '../db/connection';
import { generatePassword, hashPassword, PASSWORD_MIN_LENGTH } from '../server/access/passwords';
import { configFromEnv } from '../server/config';
import { ROLES, type Role } from '../server/domain/roles';
import { createUser, userExistsWithEmail } from '../server/queries/users';

function fail(message: string): never {
  console.error(`user:add: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      node: { type: 'string' },
      'job-title': { type: 'string', default: '' },
      password: { type: 'string' },
    },
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('give --email with an email address');
  if (!values.name?.trim()) fail('give --name');
  if (!(ROLES as readonly string[]).includes(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  const given = values.password ?? process.env.BULWARK_PASSWORD;
  if (given !== undefined && given.length < PASSWORD_MIN_LENGTH) fail(`the password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  const password = given ?? generatePassword();

  const { databasePath } = configFromEnv();
  const handle = openDatabase(databasePath);
  try {
    await migrateToLatest(handle.db);
    if (await userExistsWithEmail(handle.db, email)) fail(`there is already a user with ${email}`);
    let nodeId: number | null = null;
    if (values.node) {
      const node = await handle.db.selectFrom('nodes').select('id').where('code', '=', values.node).executeTakeFirst();
      if (!node) fail(`no part of the organisation has the code ${values.node}`);
      nodeId = node.id;
    }
    const passwordHash = await hashPassword(password);
    await handle.db.transaction().execute((tx) =>
      createUser(tx, { name: values.name!.trim(), email, jobTitle: values['job-title'], homeNodeId: nodeId, passwordHash, grants: [{ role: values.role as Role, node_id: nodeId }] }));
    console.log(`Added ${email} as ${values.role}${values.node ? ` of ${values.node}` : ' of the whole organisation'} in ${databasePath}.`);
    if (given === undefined) console.log(`Password (shown once): ${password}`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
