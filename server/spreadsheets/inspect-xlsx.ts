import yauzl from 'yauzl';

// An XLSX is a zip of XML. Before exceljs reads one, every entry is inflated here once with
// yauzl, counting entries and inflated bytes as they come, so a zip bomb is stopped after at
// most MAX_INFLATED_BYTES of work; macros, links to other workbooks and formulas are refused.

export const LIMITS = {
  /** An exported workbook has about 15 entries; a workbook with thousands is not a register. */
  entries: 1000,
  /** Everything inflated: a 20,000-row register is about 40 MB of sheet XML. */
  inflatedBytes: 200 * 1024 * 1024,
  /** Inflated over compressed, per entry and in all, once past a megabyte: XML packs 10 to 30 times, a bomb hundreds. */
  ratio: 100,
} as const;

const RATIO_FLOOR = 1024 * 1024;

export type XlsxProblem = { code: 'not-xlsx' | 'too-many-entries' | 'zip-bomb' | 'macros' | 'external-links' | 'formula'; message: string };

const problem = (code: XlsxProblem['code'], message: string): XlsxProblem => ({ code, message });

const NOT_XLSX = problem('not-xlsx', 'The file is not an XLSX workbook (it could not be opened as one). Save it from Excel or LibreOffice as "Excel Workbook (.xlsx)", or as CSV UTF-8, and upload again.');

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => (error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip)));
  });
}

const FORMULA = /<(?:\w+:)?f[\s>/]/;
const CELL_REF = /<(?:\w+:)?c\b[^>]*\br="([A-Z]{1,3}\d{1,7})"[^>]*>(?:(?!<(?:\w+:)?c\b)[^])*$/;

/** Checks an XLSX's zip before anything parses it; null when it may be read. */
export async function inspectXlsx(bytes: Buffer): Promise<XlsxProblem | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    return NOT_XLSX;
  }
  if (zip.entryCount > LIMITS.entries) {
    zip.close();
    return problem('too-many-entries', `The workbook holds ${zip.entryCount} parts, more than the ${LIMITS.entries} a register needs, so it was not read.`);
  }
  let inflatedTotal = 0;
  let seenWorkbook = false;
  const bomb = problem('zip-bomb', 'The workbook inflates to far more than its size (a "zip bomb"), so it was not read. Save the register again from Excel or LibreOffice and upload that.');

  return new Promise<XlsxProblem | null>((resolve) => {
    let done = false;
    const finish = (outcome: XlsxProblem | null) => {
      if (done) return;
      done = true;
      zip.close();
      resolve(outcome);
    };
    zip.on('error', () => finish(NOT_XLSX));
    zip.on('end', () => finish(seenWorkbook ? null : NOT_XLSX));
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName.replace(/^\/+/, '');
      if (name === 'xl/workbook.xml') seenWorkbook = true;
      if (/(^|\/)vbaProject\.bin$/i.test(name) || /\.(bin|vba)$/i.test(name) && /vba|macro/i.test(name)) {
        finish(problem('macros', 'The workbook contains macros (VBA), so it was not read. Save it as "Excel Workbook (.xlsx)", which has none, and upload again.'));
        return;
      }
      if (/^xl\/externalLinks\//i.test(name)) {
        finish(problem('external-links', 'The workbook links to other workbooks (external links), so it was not read. In Excel use Data > Edit Links > Break Link, save, and upload again.'));
        return;
      }
      if (entry.uncompressedSize > LIMITS.inflatedBytes || (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > LIMITS.ratio * Math.max(entry.compressedSize, 1))) {
        finish(bomb);
        return;
      }
      if (name.endsWith('/')) {
        zip.readEntry();
        return;
      }
      const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(name);
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          finish(NOT_XLSX);
          return;
        }
        let inflated = 0;
        let tail = '';
        stream.on('data', (chunk: Buffer) => {
          if (done) return;
          inflated += chunk.length;
          inflatedTotal += chunk.length;
          // The sizes in the zip's directory are claims; these are counted, so a lying entry is caught too.
          if (inflatedTotal > LIMITS.inflatedBytes || (inflated > RATIO_FLOOR && inflated > LIMITS.ratio * Math.max(entry.compressedSize, 1))) {
            stream.destroy();
            finish(bomb);
            return;
          }
          if (!isSheet) return;
          const text = tail + chunk.toString('latin1');
          const found = FORMULA.exec(text);
          if (found) {
            stream.destroy();
            const cell = CELL_REF.exec(text.slice(0, found.index))?.[1];
            finish(problem('formula', `The workbook holds formulas${cell ? ` (the first in cell ${cell})` : ''}, so it was not read: Bulwark imports values only. Select the cells, copy them and paste them as values, save, and upload again.`));
            return;
          }
          tail = text.slice(-400);
        });
        // yauzl checks each entry against the size it claims: inflating past it is a bomb that lied.
        stream.on('error', (streamError) => finish(/too many bytes/.test(streamError.message) ? bomb : NOT_XLSX));
        stream.on('end', () => {
          if (!done) zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
