import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Client } from './users';

// Spreadsheets for the import and export tests: downloads read back, files edited, hostile
// files made by hand (a zip container written here, only for tests), and LibreOffice run headless.

/** A download's bytes, whatever its type. */
export async function downloadBytes(client: Client, url: string): Promise<{ status: number; type: string; bytes: Buffer; disposition: string }> {
  const res = await client.get(url).buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, type: String(res.headers['content-type']), bytes: res.body as Buffer, disposition: String(res.headers['content-disposition']) };
}

/** A CSV's records, header first. */
export function csvRecords(bytes: Buffer | string): string[][] {
  return parse(bytes, { bom: true });
}

/** Records as a CSV file, as Excel saves "CSV UTF-8": a BOM, CRLF line ends. */
export function csvFile(records: string[][]): Buffer {
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify(records, { record_delimiter: 'windows', quoted_match: /[\r\n]/ }))]);
}

/** Sets one cell of a CSV's records, by the row's reference and the column's header. */
export function setCell(records: string[][], reference: string, column: string, value: string): void {
  const header = records[0] as string[];
  const index = header.indexOf(column);
  const row = records.find((r) => r[0] === reference);
  if (index < 0 || !row) throw new Error(`no cell ${reference} / ${column}`);
  row[index] = value;
}

/** Uploads a file for a dry run, as the import form does. */
export function uploadForDryRun(client: Client, nodeId: number, bytes: Buffer, fileName: string) {
  return client.post(`/nodes/${nodeId}/import`).attach('file', bytes, fileName);
}

/** The apply form's fields on a dry run's page. */
export function applyFields(html: string): Record<string, string> {
  const form = /<form method="post" action="[^"]*\/import\/apply"[^]*?<\/form>/.exec(html)?.[0];
  if (!form) throw new Error('the dry run offers no apply form');
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="(upload|token|versions)" value="([^"]*)">/g)) fields[match[1] as string] = (match[2] as string).replace(/&amp;/g, '&');
  return fields;
}

/** The dry run's errors as "code: text" lines. */
export function dryRunErrors(html: string): string[] {
  return [...html.matchAll(/<a href="#row-\d+" data-code="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]}: ${decode(m[2] as string)}`);
}

/** The dry run's field changes as "REF Column: from → to" lines. */
export function dryRunChanges(html: string): string[] {
  const changes: string[] = [];
  for (const table of html.matchAll(/<caption[^>]*>Row \d+: <a class="govuk-link" href="\/risks\/\d+">([^<]+)<\/a>[^]*?<\/table>/g)) {
    for (const row of (table[0]).matchAll(/<th scope="row" class="govuk-table__header">([^<]+)<\/th><td[^>]*>([^]*?)<\/td><td[^>]*>([^]*?)<\/td>/g)) {
      const text = (cell: string) => decode(cell.replace(/<span class="govuk-hint">\(empty\)<\/span>/, '').replace(/<[^>]+>/g, ''));
      changes.push(`${table[1]} ${row[1]}: ${text(row[2] as string)} → ${text(row[3] as string)}`);
    }
  }
  return changes;
}

export function decode(text: string): string {
  return text.replace(/&#x27;|&#39;/g, "'").replace(/&quot;|&#x3D;|&#61;/g, (m) => (m === '&quot;' ? '"' : '=')).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x60;/g, '`').replace(/&amp;/g, '&');
}

interface ZipEntry {
  name: string;
  data: Buffer;
  /** What the central directory claims the entry inflates to; the truth when not given. */
  claimedSize?: number;
}

/** A zip container written by hand, deflated with node's zlib: for hostile XLSX fixtures only. */
export function handMadeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = zlib.deflateRawSync(entry.data, { level: 9 });
    const crc = zlib.crc32(entry.data);
    const size = entry.claimedSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26); local.writeUInt16LE(0, 28);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0, 8); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12); central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt16LE(0, 30); central.writeUInt16LE(0, 32); central.writeUInt16LE(0, 34); central.writeUInt16LE(0, 36);
    central.writeUInt32LE(0, 38); central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';
const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Risks" sheetId="1"/></sheets></workbook>';

/** The bare parts of a workbook, with whatever else the test adds. */
export function workbookZip(extra: ZipEntry[]): Buffer {
  return handMadeZip([{ name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) }, { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) }, ...extra]);
}

const run = promisify(execFile);

/**
 * Converts a file with LibreOffice headless ('csv' or 'xlsx'), with a profile of its own so runs
 * beside each other do not share one; returns the converted file's bytes.
 */
export async function convertWithLibreOffice(bytes: Buffer, fileName: string, to: 'csv' | 'xlsx'): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-soffice-'));
  try {
    const input = path.join(dir, fileName);
    fs.writeFileSync(input, bytes);
    // CSV out: UTF-8 (76), comma-separated, every text cell quoted; CSV in: the same.
    const filter = to === 'csv' ? 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false' : 'xlsx:Calc MS Excel 2007 XML';
    const args = [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', path.join(dir, 'out'), input];
    if (fileName.endsWith('.csv')) args.splice(3, 0, '--infilter=CSV:44,34,76,1');
    await run('soffice', args, { timeout: 120_000 });
    return fs.readFileSync(path.join(dir, 'out', `${path.parse(fileName).name}.${to}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
