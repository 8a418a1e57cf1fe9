import type { Db } from '../../../db/connection';
import { allow } from '../../access/guard';
import { organisation } from '../../access/scopes';

/** The tree, sites, lists, matrix and cadences belong to no one node: only whole-organisation admins change them. */
export function adminOnly(db: Db) {
  return allow(db, 'administer', organisation);
}
