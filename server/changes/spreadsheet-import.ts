import type { Tx } from '../../db/connection';
import { recordAudit, type Change } from '../queries/audit';
import { insertRisk, updateRisk } from '../queries/risks';
import { loadImportContext } from '../queries/spreadsheet-import';
import { findUploadSummary, markUploadApplied } from '../queries/spreadsheet-uploads';
import { importToken, planImport, risksMovedSince, type ImportPlan } from '../spreadsheets/import-plan';
import type { Sheet } from '../spreadsheets/read-rows';

// Applying an import: the dry run's plan made again from the same bytes inside one transaction,
// written only if it is the plan the dry run showed (same token) and has no error. Each risk is
// written by the risk form's own insertRisk and updateRisk, so the history records the same
// events as the form would; one more event records the import itself.

export interface ApplyRequest {
  uploadId: number;
  nodeId: number;
  fileName: string;
  sha256: string;
  sheet: Sheet;
  columnIndex: ReadonlyMap<string, number>;
  today: string;
  /** From the dry run's form. */
  token: string;
  versions: string;
}

export type ApplyOutcome =
  | { kind: 'applied'; added: string[]; changed: string[] }
  | { kind: 'already-applied'; at: string }
  | { kind: 'stale'; moved: string[] }
  | { kind: 'refused'; plan: ImportPlan };

export async function applySpreadsheetImport(tx: Tx, change: Change, request: ApplyRequest): Promise<ApplyOutcome> {
  const upload = await findUploadSummary(tx, request.uploadId);
  if (upload?.applied_at) return { kind: 'already-applied', at: upload.applied_at };
  const references = request.sheet.rows.map((row) => {
    const index = request.columnIndex.get('Reference');
    const cell = index === undefined ? null : row.cells[index];
    return typeof cell === 'string' ? cell.replace(/^'/, '') : '';
  });
  const plan = planImport(request.sheet, request.columnIndex, await loadImportContext(tx, request.nodeId, request.today, references));
  if (importToken(request.sha256, request.nodeId, plan.touched) !== request.token) return { kind: 'stale', moved: risksMovedSince(request.versions, plan.touched) };
  if (plan.errors.length > 0) return { kind: 'refused', plan };

  const added: string[] = [];
  const changed: string[] = [];
  for (const row of plan.rows) {
    if (row.kind === 'create') {
      const id = await insertRisk(tx, change, { ...row.values, register_id: row.registerId });
      const { reference } = await tx.selectFrom('risks').select('reference').where('id', '=', id).executeTakeFirstOrThrow();
      added.push(reference);
    } else if (row.kind === 'change') {
      // The token held every version; nothing else writes inside this transaction.
      if (!(await updateRisk(tx, change, row.riskId, row.version, row.values))) throw new Error(`risk ${row.reference} moved on inside the import's own transaction`);
      changed.push(row.reference);
    }
  }
  // Checked at the start of this same transaction: nothing else can have applied it since.
  if (!(await markUploadApplied(tx, request.uploadId, change.at, { added, changed }))) throw new Error(`upload ${request.uploadId} was applied inside the import's own transaction`);
  await recordAudit(tx, change.actor, {
    entityType: 'import', entityId: request.uploadId, action: 'create', subject: `Spreadsheet import: ${request.fileName}`, nodeId: request.nodeId, at: change.at,
    after: { file_name: request.fileName, sha256: request.sha256, rows: request.sheet.rows.length, added, changed, unchanged: plan.counts.same },
  });
  return { kind: 'applied', added, changed };
}
