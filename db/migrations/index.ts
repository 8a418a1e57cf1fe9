import type { Migration } from 'kysely';
import * as m001 from './001_initial';
import * as m004 from './004_plans';

// An explicit, frozen index: tests and production run exactly the same migrations,
// in this order, whatever files happen to be on disk.
export const migrations: Record<string, Migration> = {
  '001_initial': m001,
  // 002 and 003 are reserved for other branches.
  '004_plans': m004,
};
