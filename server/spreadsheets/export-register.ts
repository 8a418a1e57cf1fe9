import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify';
import type { MatrixLevel } from '../domain/matrix';
import { dateOfDay, neutraliseFormula } from '../domain/spreadsheet-cells';
import { ACTION_COLUMNS, ACTIONS_SHEET, RISK_COLUMNS, RISKS_SHEET, type CellKind, type ExportAction, type ExportRisk } from './columns';

// Writers of an exported register. Both take the rows in batches and write as they go: the XLSX
// through exceljs' streaming workbook writer (each row is committed to the zip as it is added),
// the CSV through csv-stringify, so a 12,000-risk export never holds the whole file in memory.

type CellValue = string | number | Date | null;

/** A cell as written: text neutralised against formulas (domain/spreadsheet-cells.ts), days as dates or ISO days. */
function cell(kind: CellKind, value: unknown, asDate: boolean): CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'number') return Number(value);
  if (kind === 'date') return asDate ? dateOfDay(String(value)) : String(value);
  return neutraliseFormula(String(value));
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

export interface RegisterExport {
  /** The register's risks, a batch at a time, in the register's order. */
  risks: () => AsyncIterable<ExportRisk[]>;
  /** Their further actions, a batch at a time. */
  actions: () => AsyncIterable<ExportAction[]>;
  levels: readonly MatrixLevel[];
}

/**
 * The register as an XLSX workbook: a Risks sheet (header frozen, autofilter, widths, levels in
 * their matrix colours, scores as numbers, days as dates) and a Further actions sheet keyed by
 * the risk's reference.
 */
export async function writeRegisterXlsx(out: Writable, register: RegisterExport): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Bulwark';
  // A font given whole: exceljs writes a partial one as it is, and a reader then falls back to its own default face.
  const font = { name: 'Calibri', size: 11, family: 2 };
  const header = { font: { ...font, bold: true }, alignment: { vertical: 'top' as const, wrapText: true } };
  const levelFill = new Map(register.levels.map((l) => [l.rank, {
    fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: argb(l.colour) } },
    font: { ...font, color: { argb: argb(l.textColour) } },
  }]));

  const risks = workbook.addWorksheet(RISKS_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  risks.columns = RISK_COLUMNS.map((c) => ({ header: c.name, key: c.key, width: c.width, ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
  risks.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RISK_COLUMNS.length } };
  risks.getRow(1).eachCell((c) => Object.assign(c, header));
  // Two lines, so the wrapped headers of narrow columns ("Inherent likelihood") show whole.
  risks.getRow(1).height = 30;
  risks.getRow(1).commit();
  for await (const batch of register.risks()) {
    for (const risk of batch) {
      const row = risks.addRow(RISK_COLUMNS.map((c) => cell(c.kind, risk[c.key], true)));
      RISK_COLUMNS.forEach((c, index) => {
        if (!c.levelRank) return;
        const style = levelFill.get(Number(risk[c.levelRank]));
        if (style) Object.assign(row.getCell(index + 1), style);
      });
      row.commit();
    }
  }
  risks.commit();

  const actions = workbook.addWorksheet(ACTIONS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  actions.columns = ACTION_COLUMNS.map((c) => ({ header: c.name, key: c.key, width: c.width, ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
  actions.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ACTION_COLUMNS.length } };
  actions.getRow(1).eachCell((c) => Object.assign(c, header));
  actions.getRow(1).commit();
  for await (const batch of register.actions()) {
    for (const action of batch) actions.addRow(ACTION_COLUMNS.map((c) => cell(c.kind, action[c.key], true))).commit();
  }
  actions.commit();
  await workbook.commit();
}

/** Rows as CSV: UTF-8 with a byte order mark (so Excel reads it as UTF-8), days as ISO days. */
async function writeCsv<T>(out: Writable, columns: readonly { name: string; key: keyof T; kind: CellKind }[], batches: AsyncIterable<T[]>): Promise<void> {
  // A line break inside a cell is quoted too: csv-stringify quotes only the record delimiter
  // (CRLF), and Excel, LibreOffice and Python would split a row at a bare LF.
  const csv = stringify({ bom: true, header: true, columns: columns.map((c) => c.name), record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  csv.pipe(out);
  for await (const batch of batches) {
    for (const item of batch) {
      if (!csv.write(columns.map((c) => cell(c.kind, item[c.key], false) ?? ''))) await once(csv, 'drain');
    }
  }
  csv.end();
  await once(out, 'finish');
}

export function writeRisksCsv(out: Writable, register: RegisterExport): Promise<void> {
  return writeCsv(out, RISK_COLUMNS, register.risks());
}

export function writeActionsCsv(out: Writable, register: RegisterExport): Promise<void> {
  return writeCsv(out, ACTION_COLUMNS, register.actions());
}
