import type { Db, Tx } from '../../db/connection';

// Uploaded spreadsheets kept between an import's dry run and its apply (migration 013).

/** An upload is kept this long: a dry run left for longer is uploaded again. */
export const UPLOAD_KEPT_MS = 24 * 60 * 60 * 1000;

/** Keeps an upload for its apply, and clears away those older than a day. */
export async function storeUpload(tx: Tx, upload: { nodeId: number; userId: number; fileName: string; sha256: string; bytes: Buffer; at: string }): Promise<number> {
  const before = new Date(Date.parse(upload.at) - UPLOAD_KEPT_MS).toISOString();
  await tx.deleteFrom('spreadsheet_uploads').where('created_at', '<', before).execute();
  const { id } = await tx
    .insertInto('spreadsheet_uploads')
    .values({ node_id: upload.nodeId, user_id: upload.userId, file_name: upload.fileName.slice(0, 200), sha256: upload.sha256, bytes: upload.bytes, created_at: upload.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function findUpload(db: Db | Tx, id: number) {
  return db.selectFrom('spreadsheet_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The upload's facts without its bytes: for the page an apply lands on. */
export function findUploadSummary(db: Db | Tx, id: number) {
  return db.selectFrom('spreadsheet_uploads').select(['id', 'node_id', 'user_id', 'file_name', 'created_at', 'applied_at', 'applied_summary']).where('id', '=', id).executeTakeFirst();
}

/** Marks the upload applied, once: false when it already was (a second apply of the same dry run). */
export async function markUploadApplied(tx: Tx, id: number, at: string, summary: { added: string[]; changed: string[] }): Promise<boolean> {
  const result = await tx
    .updateTable('spreadsheet_uploads')
    .set({ applied_at: at, applied_summary: JSON.stringify(summary) })
    .where('id', '=', id)
    .where('applied_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
