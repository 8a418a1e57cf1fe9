import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { inspectXlsx } from './inspect-xlsx';
import { RISKS_SHEET } from './columns';

// An uploaded file as a header and rows of cells, whichever its format. Whatever makes the
// whole file unreadable is a FileProblem (one message, nothing imported); what is wrong with a
// cell is left to the import's plan, which names its row and column.

export const MAX_ROWS = 20_000;

export type Cell = string | Date | null;

export interface SheetRow {
  /** The row's number as the spreadsheet shows it: the header is row 1. */
  line: number;
  cells: Cell[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: SheetRow[];
}

export interface FileProblem {
  /** Stable, for tests and logs: 'not-utf8', 'semicolons', 'too-many-rows', 'zip-bomb'… */
  code: string;
  message: string;
}

export type ReadOutcome = { ok: true; sheet: Sheet } | { ok: false; problem: FileProblem };

const fail = (code: string, message: string): ReadOutcome => ({ ok: false, problem: { code, message } });

const tooManyRows = (rows: number) =>
  fail('too-many-rows', `The file has ${rows.toLocaleString('en-GB')} rows of risks; Bulwark imports at most ${MAX_ROWS.toLocaleString('en-GB')} at a time. Split it into smaller files and import each.`);

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
const isOldExcel = (bytes: Buffer) => bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

/** Reads a CSV or an XLSX, told apart by their bytes rather than by the file's name. */
export async function readSheet(bytes: Buffer): Promise<ReadOutcome> {
  if (isOldExcel(bytes)) return fail('old-excel', 'The file is an old Excel workbook (.xls) or another Office format. Save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8", and upload again.');
  return isZip(bytes) ? readXlsx(bytes) : readCsv(bytes);
}

const nonEmpty = (cells: Cell[]) => cells.some((c) => c !== null && (typeof c !== 'string' || c.trim() !== ''));

export function readCsv(bytes: Buffer): ReadOutcome {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('not-utf8', 'The file is not UTF-8 text, the encoding Bulwark expects: it may have been saved as "CSV (Windows)" or Latin-1. In Excel choose "Save as type: CSV UTF-8 (comma delimited)", and upload again.');
  }
  if (text.includes('\u0000')) return fail('not-csv', 'The file is not a CSV or XLSX spreadsheet. Upload a register exported from Bulwark, saved as CSV UTF-8 or XLSX.');
  const firstLine = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '');
  if (firstLine.split(';').length > 2 && firstLine.split(',').length <= 2) {
    return fail('semicolons', 'The file separates its columns with semicolons, not commas (as Excel does in some languages). Save it as "CSV UTF-8 (comma delimited)", or as XLSX, and upload again.');
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false, to: MAX_ROWS + 2 });
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') return fail('ragged-rows', `Line ${lines ?? '?'} of the file has a different number of cells from the header row, so the file was not read. Check for a stray comma or an unclosed quote near there.`);
    if (code === 'CSV_QUOTE_NOT_CLOSED') return fail('unclosed-quote', `A quoted cell opened near line ${lines ?? '?'} is never closed, so the file was not read.`);
    return fail('bad-csv', `The file could not be read as CSV near line ${lines ?? '?'}: ${(error as Error).message}.`);
  }
  const [header, ...body] = records;
  if (!header) return fail('empty', 'The file is empty. Upload a register exported from Bulwark, with its header row.');
  if (body.length > MAX_ROWS) return tooManyRows(countCsvRows(text));
  // Lines are the CSV's records plus one for the header; a cell with line breaks is still one record.
  const rows = body.map((cells, index) => ({ line: index + 2, cells: cells })).filter((row) => nonEmpty(row.cells));
  return { ok: true, sheet: { format: 'csv', header: header.map((h) => h.trim()), rows } };
}

/** The records of a CSV too long to read whole, for the message: counted, not kept. */
function countCsvRows(text: string): number {
  let n = 0;
  parse(text, { bom: true, skip_empty_lines: true, on_record: () => { n++; return null; } });
  return Math.max(0, n - 1);
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('hyperlink' in value && 'text' in value) return typeof value.text === 'string' ? value.text : cellOf(value.text);
    if ('error' in value) return String(value.error);
    if ('result' in value) return cellOf((value.result ?? null));
  }
  return String(value);
}

export async function readXlsx(bytes: Buffer): Promise<ReadOutcome> {
  const problem = await inspectXlsx(bytes);
  if (problem) return { ok: false, problem };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fail('not-xlsx', 'The file could not be read as an XLSX workbook. Save it from Excel or LibreOffice as "Excel Workbook (.xlsx)", or as CSV UTF-8, and upload again.');
  }
  // The Risks sheet when there is one (Bulwark's own exports), otherwise the first.
  const sheet = workbook.getWorksheet(RISKS_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return fail('empty', 'The workbook has no sheets.');
  if (sheet.actualRowCount - 1 > MAX_ROWS) return tooManyRows(sheet.actualRowCount - 1);
  const width = sheet.actualColumnCount > 0 ? sheet.columnCount : 0;
  let header: string[] | null = null;
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= width; column++) cells.push(cellOf(row.getCell(column).value));
    if (header === null) {
      header = cells.map((c) => (c instanceof Date ? c.toISOString() : (c ?? '')).trim());
      // Trailing empty header cells are columns nobody named: not columns at all.
      while (header.length > 0 && header[header.length - 1] === '') header.pop();
      return;
    }
    if (nonEmpty(cells)) rows.push({ line, cells });
  });
  if (header === null) return fail('empty', 'The first sheet of the workbook is empty. Upload a register exported from Bulwark, with its header row.');
  return { ok: true, sheet: { format: 'xlsx', header, rows } };
}
