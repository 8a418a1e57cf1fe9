import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { DatasetSummary } from './national-dataset';
import { rssMb, type ServerProcess } from './server-process';

// The spreadsheet rows of the bench (issue 15): the whole organisation's register as XLSX, with
// the server's memory sampled while it streams, and dry runs of imports (a division's register
// as exported, and 5,000 rows with a change in every tenth).

export interface DownloadFigures { median: number; bytes: number; rows: number; memoryGrowthMb: number }
export interface DryRunFigures { median: number; rows: number; changes: number; status: number }
export interface SpreadsheetFigures { xlsx: DownloadFigures; csv: DownloadFigures; divisionDryRun: DryRunFigures; bigDryRun: DryRunFigures }

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;

/** Downloads `url` `runs` times; memory growth is the most the server's RSS rose above its level before, sampled every 10 ms. */
async function timeDownload(server: ServerProcess, url: string, cookie: string, runs: number): Promise<{ median: number; bytes: Buffer; memoryGrowthMb: number }> {
  const times: number[] = [];
  let growth = 0;
  let bytes = Buffer.alloc(0);
  for (let n = 0; n < runs; n++) {
    const before = rssMb(server.pid);
    let highest = before;
    const sampler = setInterval(() => { highest = Math.max(highest, rssMb(server.pid)); }, 10);
    const start = process.hrtime.bigint();
    const response = await fetch(url, { headers: { Cookie: cookie } });
    bytes = Buffer.from(await response.arrayBuffer());
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    clearInterval(sampler);
    highest = Math.max(highest, rssMb(server.pid));
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    growth = Math.max(growth, highest - before);
  }
  return { median: median(times), bytes, memoryGrowthMb: growth };
}

async function dryRun(base: string, nodeId: number, file: Buffer, who: { cookie: string; csrf: string }, runs: number): Promise<{ median: number; status: number; html: string }> {
  const times: number[] = [];
  let status = 0;
  let html = '';
  for (let n = 0; n < runs; n++) {
    const form = new FormData();
    // The token first: the upload's reader checks it before it reads the file.
    form.append('_csrf', who.csrf);
    form.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), 'register.csv');
    const start = process.hrtime.bigint();
    const response = await fetch(`${base}/nodes/${nodeId}/import`, { method: 'POST', body: form, headers: { Cookie: who.cookie } });
    html = await response.text();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    status = response.status;
  }
  return { median: median(times), status, html };
}

export async function spreadsheetFigures(server: ServerProcess, who: { cookie: string; csrf: string }, summary: DatasetSummary, smoke: boolean): Promise<SpreadsheetFigures> {
  const runs = smoke ? 1 : 3;
  const organisation = `${server.base}/nodes/${summary.hqId}`;
  const xlsx = await timeDownload(server, `${organisation}/register.xlsx?scope=all`, who.cookie, runs);
  if (xlsx.bytes.readUInt32LE(0) !== 0x04034b50) throw new Error('the XLSX export is not a zip');
  const csv = await timeDownload(server, `${organisation}/register.csv?scope=all`, who.cookie, runs);
  const records = parse(csv.bytes, { bom: true });
  const [header, ...rows] = records;
  if (!header) throw new Error('the CSV export has no header');

  const division = await fetch(`${server.base}/nodes/${summary.divisionId}/register.csv?scope=all`, { headers: { Cookie: who.cookie } });
  const divisionFile = Buffer.from(await division.arrayBuffer());
  const divisionRows = parse(divisionFile, { bom: true }).length - 1;
  const divisionRun = await dryRun(server.base, summary.divisionId, divisionFile, who, runs);
  if (divisionRun.status !== 200 || !divisionRun.html.includes('Nothing would change')) throw new Error(`the division's own export did not come back unchanged (${divisionRun.status})`);

  // 5,000 rows of the organisation's register, a title changed in every tenth.
  const title = header.indexOf('Title');
  const big = rows.slice(0, 5000).map((row, index) => (index % 10 === 0 ? row.map((cell, column) => (column === title ? `${cell} (reworded)` : cell)) : row));
  const bigFile = Buffer.from(`\uFEFF${stringify([header, ...big], { record_delimiter: 'windows', quoted_match: /[\r\n]/ })}`);
  const bigRun = await dryRun(server.base, summary.hqId, bigFile, who, runs);
  if (bigRun.status !== 200) throw new Error(`the 5,000-row dry run answered ${bigRun.status}`);
  const changes = (bigRun.html.match(/<caption class="govuk-table__caption govuk-table__caption--s">Row /g) ?? []).length;

  return {
    xlsx: { median: xlsx.median, bytes: xlsx.bytes.length, rows: rows.length, memoryGrowthMb: xlsx.memoryGrowthMb },
    csv: { median: csv.median, bytes: csv.bytes.length, rows: rows.length, memoryGrowthMb: csv.memoryGrowthMb },
    divisionDryRun: { median: divisionRun.median, rows: divisionRows, changes: 0, status: divisionRun.status },
    bigDryRun: { median: bigRun.median, rows: big.length, changes, status: bigRun.status },
  };
}
