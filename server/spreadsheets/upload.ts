import type { Request, Response } from 'express';
import busboy from 'busboy';
import { csrfTokenMatches } from '../access/session';

// Reads the import form's upload (multipart/form-data) with busboy, after the route's access
// rule: the CSRF token first (a field before the file, or the X-CSRF-Token header), then at most
// MAX_UPLOAD_BYTES of one file. Anything larger is refused from its Content-Length before a byte
// is read, or as soon as the stream passes the limit when it gives none.

/** 10 MB: a 20,000-row register is about 6 MB as CSV and less as XLSX. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Room for the form's other fields and the multipart boundaries. */
const ENVELOPE_BYTES = 64 * 1024;

export type Upload =
  | { kind: 'file'; fileName: string; bytes: Buffer }
  | { kind: 'refused'; status: 400 | 403 | 413; code: 'not-multipart' | 'csrf' | 'too-large' | 'no-file' | 'malformed'; message: string };

const refused = (status: 400 | 403 | 413, code: Extract<Upload, { kind: 'refused' }>['code'], message: string): Upload => ({ kind: 'refused', status, code, message });

export const TOO_LARGE_MESSAGE = 'The file is larger than 10 MB, so it was not read. Bulwark imports up to 20,000 rows: split the register, or remove columns Bulwark does not read, and upload again.';

export function readUpload(req: Request, res: Response, maxBytes = MAX_UPLOAD_BYTES): Promise<Upload> {
  if (!req.is('multipart/form-data')) return Promise.resolve(refused(400, 'not-multipart', 'Choose a CSV or XLSX file to upload.'));
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) return Promise.resolve(refused(413, 'too-large', TOO_LARGE_MESSAGE));
  const headerToken = req.get('x-csrf-token');
  let tokenChecked = headerToken !== undefined && csrfTokenMatches(headerToken, res);

  return new Promise((resolve) => {
    let settled = false;
    let parser: busboy.Busboy;
    const finish = (outcome: Upload) => {
      if (settled) return;
      settled = true;
      // Nothing more is parsed; what the client still sends is drained by Node and thrown away.
      req.unpipe(parser);
      req.resume();
      resolve(outcome);
    };
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
    } catch {
      resolve(refused(400, 'malformed', 'The upload could not be read. Choose the file again and upload it.'));
      return;
    }
    let file: Upload | undefined;
    parser.on('field', (name, value) => {
      if (name === '_csrf' && csrfTokenMatches(value, res)) tokenChecked = true;
    });
    parser.on('file', (_name, stream, info) => {
      if (!tokenChecked) {
        stream.resume();
        finish(refused(403, 'csrf', 'This form has expired or was sent from another site, so nothing was read. Go back, reload the page and try again.'));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => finish(refused(413, 'too-large', TOO_LARGE_MESSAGE)));
      stream.on('end', () => {
        if (settled || stream.truncated) return;
        const bytes = Buffer.concat(chunks);
        file = bytes.length === 0 ? refused(400, 'no-file', 'Choose a CSV or XLSX file to upload.') : { kind: 'file', fileName: info.filename ?? 'upload', bytes };
      });
    });
    parser.on('error', () => finish(refused(400, 'malformed', 'The upload could not be read. Choose the file again and upload it.')));
    parser.on('close', () => {
      if (!tokenChecked) finish(refused(403, 'csrf', 'This form has expired or was sent from another site, so nothing was read. Go back, reload the page and try again.'));
      else finish(file ?? refused(400, 'no-file', 'Choose a CSV or XLSX file to upload.'));
    });
    req.pipe(parser);
  });
}
