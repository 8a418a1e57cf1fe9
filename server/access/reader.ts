import type { Response } from 'express';
import type { Db } from '../../db/connection';
import type { ReadableNodeIds } from '../domain/roles';
import { loadReadableNodeIds } from '../queries/nodes';
import { signedInUser } from './session';

/**
 * The nodes the person behind this request may read. A route's guard covers the record in its
 * path; records linked to it may belong anywhere, so pages listing them filter by this.
 */
export function readableNodesOf(db: Db, res: Response): Promise<ReadableNodeIds> {
  return loadReadableNodeIds(db, signedInUser(res)?.grants ?? []);
}
