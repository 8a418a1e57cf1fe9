import { createHash } from 'node:crypto';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { allow } from '../access/guard';
import { nodeInPath } from '../access/scopes';
import { signedInUser } from '../access/session';
import { applySpreadsheetImport } from '../changes/spreadsheet-import';
import { today } from '../clock';
import { notFound, retiredNode } from '../errors';
import { parseForm } from '../forms/parse';
import { fileErrors, importFormPage, importPlanPage } from '../presenters/import-page';
import { registerExportScope, registerQuerySchema } from '../presenters/register-page';
import { findNode } from '../queries/nodes';
import { exportActions, exportRisks, EXPORT_BATCH } from '../queries/register-export';
import { orderedRiskIds } from '../queries/risk-facts';
import { loadImportContext } from '../queries/spreadsheet-import';
import { findUpload, findUploadSummary, storeUpload } from '../queries/spreadsheet-uploads';
import { writeActionsCsv, writeRegisterXlsx, writeRisksCsv, type RegisterExport } from '../spreadsheets/export-register';
import { checkHeader, importToken, planImport, touchedVersions, type HeaderCheck } from '../spreadsheets/import-plan';
import { readSheet, type Sheet } from '../spreadsheets/read-rows';
import { readUpload } from '../spreadsheets/upload';
import { changeOf, idParam } from './params';

// A register out as XLSX or CSV (with the register page's filters), and back in: upload, dry
// run, apply. The rules are in server/spreadsheets/ and server/changes/spreadsheet-import.ts;
// docs/spreadsheets.md says why they are as they are.

async function* inBatches<T>(ids: readonly number[], read: (batch: readonly number[]) => Promise<T[]>): AsyncIterable<T[]> {
  for (let start = 0; start < ids.length; start += EXPORT_BATCH) yield await read(ids.slice(start, start + EXPORT_BATCH));
}

const applySchema = z.object({
  upload: z.string().regex(/^\d{1,9}$/, 'Upload the file again').transform(Number),
  token: z.string().regex(/^[0-9a-f]{64}$/, 'Upload the file again'),
  versions: z.string().max(2_000_000).optional().transform((v) => v ?? ''),
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function spreadsheetRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function exportOf(nodeIdText: string | string[] | undefined, queryObject: unknown) {
    const nodeId = idParam(nodeIdText, 'That part of the organisation');
    const query = registerQuerySchema.parse(queryObject);
    const scope = await registerExportScope(db, clock, nodeId, query);
    const ids = await orderedRiskIds(db, scope.filter, query.sort, scope.calendar, undefined, query.group);
    const register: RegisterExport = {
      risks: () => inBatches(ids, (batch) => exportRisks(db, batch)),
      actions: () => inBatches(ids, (batch) => exportActions(db, batch)),
      levels: scope.rules.matrix.levels,
    };
    const name = `${scope.node.code}-${query.scope === 'all' ? 'overarching-' : ''}risk-register-${scope.rules.today}`;
    return { register, name };
  }

  /** Streams a download; once its first byte is sent a failure can only cut the download short. */
  async function download(res: Response, type: string, fileName: string, write: () => Promise<void>) {
    res.type(type);
    res.attachment(fileName);
    try {
      await write();
    } catch (error) {
      if (!res.headersSent) throw error;
      // Logged with the request's line, as the error middleware would.
      res.err = error;
      res.destroy(error as Error);
    }
  }

  router.get('/nodes/:id/register.xlsx', allow(db, 'read', nodeInPath), async (req, res) => {
    const { register, name } = await exportOf(req.params.id, req.query);
    await download(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${name}.xlsx`, () => writeRegisterXlsx(res, register));
  });

  router.get('/nodes/:id/register.csv', allow(db, 'read', nodeInPath), async (req, res) => {
    const { register, name } = await exportOf(req.params.id, req.query);
    await download(res, 'text/csv; charset=utf-8', `${name}.csv`, () => writeRisksCsv(res, register));
  });

  router.get('/nodes/:id/register-actions.csv', allow(db, 'read', nodeInPath), async (req, res) => {
    const { register, name } = await exportOf(req.params.id, req.query);
    await download(res, 'text/csv; charset=utf-8', `${name}-further-actions.csv`, () => writeActionsCsv(res, register));
  });

  async function liveNode(value: string | string[] | undefined) {
    const node = await findNode(db, idParam(value, 'That part of the organisation'));
    if (!node) throw notFound('That part of the organisation');
    if (node.retired_on !== null) throw retiredNode(node.name, node.retired_on);
    return node;
  }

  router.get('/nodes/:id/import', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const node = await liveNode(req.params.id);
    const appliedId = typeof req.query.applied === 'string' && /^\d{1,9}$/.test(req.query.applied) ? Number(req.query.applied) : undefined;
    const upload = appliedId === undefined ? undefined : await findUploadSummary(db, appliedId);
    const applied = upload && upload.node_id === node.id && upload.applied_at && upload.applied_summary
      ? { fileName: upload.file_name, at: upload.applied_at, ...(JSON.parse(upload.applied_summary) as { added: string[]; changed: string[] }) }
      : undefined;
    res.render('spreadsheets/import', importFormPage(node, { applied }));
  });

  type Readable = { ok: true; sheet: Sheet; columnIndex: ReadonlyMap<string, number> } | { ok: false; message: string; code: string };

  async function readable(bytes: Buffer): Promise<Readable> {
    const read = await readSheet(bytes);
    if (!read.ok) return { ok: false, ...read.problem };
    const header: HeaderCheck = checkHeader(read.sheet.header);
    if (!header.ok) return { ok: false, ...header.problem };
    return { ok: true, sheet: read.sheet, columnIndex: header.columnIndex };
  }

  const referencesOf = (sheet: Sheet, columnIndex: ReadonlyMap<string, number>) =>
    sheet.rows.map((row) => {
      const cell = row.cells[columnIndex.get('Reference') ?? -1];
      return typeof cell === 'string' ? cell.replace(/^'/, '') : '';
    });

  router.post('/nodes/:id/import', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const node = await liveNode(req.params.id);
    const upload = await readUpload(req, res);
    if (upload.kind === 'refused') {
      if (upload.code === 'too-large' || upload.code === 'csrf') res.set('Connection', 'close');
      res.status(upload.status).render('spreadsheets/import', importFormPage(node, { errors: fileErrors(upload.message) }));
      return;
    }
    const file = await readable(upload.bytes);
    if (!file.ok) {
      res.status(400).render('spreadsheets/import', importFormPage(node, { errors: fileErrors(file.message, upload.fileName) }));
      return;
    }
    const day = today(clock);
    const context = await loadImportContext(db, node.id, day, referencesOf(file.sheet, file.columnIndex));
    const plan = planImport(file.sheet, file.columnIndex, context);
    if (plan.errors.length > 0) {
      res.status(400).render('spreadsheets/import-plan', importPlanPage(node, plan, upload.fileName));
      return;
    }
    if (plan.counts.create === 0 && plan.counts.change === 0) {
      res.render('spreadsheets/import-plan', importPlanPage(node, plan, upload.fileName));
      return;
    }
    // Kept for the apply, which reads exactly these bytes again.
    const hash = sha256(upload.bytes);
    const user = signedInUser(res);
    if (!user) throw notFound('That page');
    const uploadId = await db.transaction().execute((tx) => storeUpload(tx, { nodeId: node.id, userId: user.id, fileName: upload.fileName, sha256: hash, bytes: upload.bytes, at: changeOf(res, clock).at }));
    const apply = { uploadId, token: importToken(hash, node.id, plan.touched), versions: touchedVersions(plan.touched) };
    res.render('spreadsheets/import-plan', importPlanPage(node, plan, upload.fileName, { apply }));
  });

  router.post('/nodes/:id/import/apply', allow(db, 'manage_risks', nodeInPath), async (req, res) => {
    const node = await liveNode(req.params.id);
    const form = parseForm(applySchema, req.body);
    const user = signedInUser(res);
    const stored = form.ok ? await findUpload(db, form.data.upload) : undefined;
    if (!form.ok || !stored || stored.node_id !== node.id || stored.user_id !== user?.id) {
      res.status(400).render('spreadsheets/import', importFormPage(node, { errors: fileErrors('That upload is no longer kept (uploads are kept for a day): upload the file again for a new dry run.') }));
      return;
    }
    const bytes = Buffer.from(stored.bytes);
    const file = await readable(bytes);
    if (!file.ok) throw new Error(`upload ${stored.id} passed its dry run but cannot be read now: ${file.code}`);
    const day = today(clock);
    const change = changeOf(res, clock);
    const outcome = await db.transaction().execute((tx) => applySpreadsheetImport(tx, change, {
      uploadId: stored.id, nodeId: node.id, fileName: stored.file_name, sha256: stored.sha256, sheet: file.sheet, columnIndex: file.columnIndex,
      today: day, token: form.data.token, versions: form.data.versions,
    }));
    if (outcome.kind === 'applied') {
      res.redirect(303, `/nodes/${node.id}/import?applied=${stored.id}`);
      return;
    }
    if (outcome.kind === 'already-applied') {
      res.status(409).render('spreadsheets/import', importFormPage(node, { notice: `This import was already applied, so nothing was written again. Its risks are on the register.` }));
      return;
    }
    // Stale or refused: the dry run again, from what is saved now; nothing was written.
    const plan = planImport(file.sheet, file.columnIndex, await loadImportContext(db, node.id, day, referencesOf(file.sheet, file.columnIndex)));
    const apply = plan.errors.length === 0 ? { uploadId: stored.id, token: importToken(stored.sha256, node.id, plan.touched), versions: touchedVersions(plan.touched) } : undefined;
    res.status(outcome.kind === 'stale' ? 409 : 400).render('spreadsheets/import-plan', importPlanPage(node, plan, stored.file_name, { apply, moved: outcome.kind === 'stale' ? outcome.moved : undefined }));
  });

  return router;
}
