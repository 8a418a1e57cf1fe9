import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

// scrypt is memory-hard: N=2^15, r=8 uses 32 MiB per hash, about 100 ms on these machines.
// The parameters are stored with each hash so they can be raised later without a migration.
export const PRODUCTION_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
// Worthless as protection and a few microseconds a hash: only for the test suite's test users.
const TEST_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 4, r: 1, p: 1 });
const KEY_LENGTH = 32;

let cost: Readonly<ScryptCost> = PRODUCTION_COST;
/** A hash of nothing anyone knows, checked when the email is unknown so both cases take as long. */
let decoy: Promise<string> | undefined;

/**
 * Jest's set-up files call this, and nothing else may (lint refuses it outside tests/): there is
 * no setting or environment variable that lowers the cost. 'production' puts the real cost back
 * for a test that checks it. Hashes keep their parameters, so either kind verifies at any time.
 */
export function setPasswordCostForTests(which: 'cheap' | 'production'): void {
  cost = which === 'cheap' ? TEST_COST : PRODUCTION_COST;
  // The decoy follows, so an unknown address still costs what a known one does.
  decoy = undefined;
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? PRODUCTION_COST.N) * (options.r ?? PRODUCTION_COST.r);
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = cost;
  const key = await derive(password, salt, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The decoy, made at the current cost on first use. */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** A password to hand a new user, shown once: 4 groups of 5 letters and digits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

export const PASSWORD_MIN_LENGTH = 12;
