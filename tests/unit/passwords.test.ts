import { decoyHash, hashPassword, PRODUCTION_COST, setPasswordCostForTests, verifyPassword } from '../../server/access/passwords';

type Passwords = typeof import('../../server/access/passwords');

/** The module as production loads it: fresh, untouched by the tests' set-up (tests/support/cheap-hashes.ts). */
function asProductionLoadsIt(): Passwords {
  let fresh: Passwords | undefined;
  jest.isolateModules(() => {
    fresh = jest.requireActual<Passwords>('../../server/access/passwords');
  });
  if (!fresh) throw new Error('the passwords module did not load');
  return fresh;
}

const costOf = (hash: string) => hash.split('$').slice(1, 4).map(Number);
const PASSPHRASE = 'a passphrase long enough';

describe('password hashing', () => {
  it('hashes at N=2^15, r=8, p=1 in production, the decoy too: only the tests lower the cost', async () => {
    const production = asProductionLoadsIt();
    expect(PRODUCTION_COST).toEqual({ N: 32768, r: 8, p: 1 });
    expect(costOf(await production.hashPassword(PASSPHRASE))).toEqual([32768, 8, 1]);
    expect(costOf(await production.decoyHash())).toEqual([32768, 8, 1]);
  });

  it('verifies a hash of either cost, since each hash carries its parameters', async () => {
    const cheap = await hashPassword(PASSPHRASE);
    expect(costOf(cheap)[0]).toBeLessThan(PRODUCTION_COST.N);
    const production = await asProductionLoadsIt().hashPassword(PASSPHRASE);
    for (const hash of [cheap, production]) {
      expect(await verifyPassword(PASSPHRASE, hash)).toBe(true);
      expect(await verifyPassword(`${PASSPHRASE}!`, hash)).toBe(false);
    }
  });

  it('makes the decoy at the current cost, so an unknown address takes as long as a known one', async () => {
    expect(costOf(await decoyHash())[0]).toBeLessThan(PRODUCTION_COST.N);
    setPasswordCostForTests('production');
    try {
      expect(costOf(await decoyHash())).toEqual([32768, 8, 1]);
    } finally {
      setPasswordCostForTests('cheap');
    }
    expect(costOf(await decoyHash())[0]).toBeLessThan(PRODUCTION_COST.N);
  });
});
