import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DbHandle } from '../../db/connection';
import { removeRole, setUserDisabled } from '../../server/changes/user-accounts';
import { countOrganisationAdmins } from '../../server/queries/users';
import { addUser } from '../support/users';
import { copyTemplate } from '../support/templates';

const CHANGE = { actor: { userId: null, name: 'Test' }, at: '2026-11-23T10:00:00.000Z' };

// The last-admin rule must hold when two admins act at once: its count runs inside the same
// transaction as the removal, so of two removals started together the second sees the first.
describe('the last whole-organisation admin, under concurrent changes', () => {
  let dir: string;
  let handle: DbHandle;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-accounts-'));
    handle = openDatabase(copyTemplate('migrated', path.join(dir, 'accounts.sqlite')));
  });
  afterAll(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function twoAdmins() {
    await handle.db.deleteFrom('role_grants').where('role', '=', 'admin').execute();
    const a = await addUser(handle.db, [{ role: 'admin', node_id: null }]);
    const b = await addUser(handle.db, [{ role: 'admin', node_id: null }]);
    const grant = async (userId: number) => (await handle.db.selectFrom('role_grants').select('id').where('user_id', '=', userId).executeTakeFirstOrThrow()).id;
    return { a: { ...a, grantId: await grant(a.id) }, b: { ...b, grantId: await grant(b.id) } };
  }

  it('two removals started together: one removed, one refused', async () => {
    const { a, b } = await twoAdmins();
    const outcomes = await Promise.all([
      handle.db.transaction().execute((tx) => removeRole(tx, CHANGE, a.id, a.grantId)),
      handle.db.transaction().execute((tx) => removeRole(tx, CHANGE, b.id, b.grantId)),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['last_admin', 'removed']);
    expect(await countOrganisationAdmins(handle.db)).toBe(1);
  });

  it('two disablings started together: one disabled, one refused', async () => {
    const { a, b } = await twoAdmins();
    const outcomes = await Promise.all([
      handle.db.transaction().execute((tx) => setUserDisabled(tx, CHANGE, a.id, '2026-11-23')),
      handle.db.transaction().execute((tx) => setUserDisabled(tx, CHANGE, b.id, '2026-11-23')),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['done', 'last_admin']);
    expect(await countOrganisationAdmins(handle.db)).toBe(1);
  });
});
