import type { Db } from '../../db/connection';

export function listNodes(db: Db) {
  return db.selectFrom('nodes').selectAll().orderBy('name').execute();
}

export function findNode(db: Db, id: number) {
  return db.selectFrom('nodes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRegistersOfNode(db: Db, nodeId: number) {
  return db.selectFrom('registers').selectAll().where('node_id', '=', nodeId).orderBy('name').execute();
}
