import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { JoinProcess } from '../../server/print/join-process';

// The register pack is joined in a process of its own (server/print/join-worker.ts): what comes
// back is the parts in order, the front part first, every page numbered; and a joining process
// that dies fails the pack with a clear error rather than leaving the server waiting.

async function partWith(label: string, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) doc.addPage([595, 842]).drawText(`${label} page ${n}`, { x: 72, y: 700, size: 14, font });
  return doc.save();
}

const pageTexts = (pdf: Uint8Array) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-join-'));
  const file = path.join(dir, 'joined.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((page) => page.trim() !== '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

describe('the register pack joined in a process of its own', () => {
  it('joins the parts in order after the front part, numbers every page, and ends', async () => {
    const joining = await JoinProcess.start({ title: 'Register pack: Test division', lang: 'en-GB', nestUnderFirst: true });
    const pid = joining.pid;
    try {
      expect(await joining.append(await partWith('Summary', 2))).toBe(2);
      expect(await joining.append(await partWith('Full register', 3))).toBe(3);
      expect(await joining.prepend(await partWith('Cover', 1))).toBe(1);
      const { pdf, peakMb } = await joining.finish();
      expect(peakMb).toBeGreaterThan(0);
      const pages = pageTexts(pdf);
      expect(pages.map((p) => /(\w[\w ]*?) page (\d)/.exec(p)?.slice(1, 3).join(' '))).toEqual(['Cover 1', 'Summary 1', 'Summary 2', 'Full register 1', 'Full register 2', 'Full register 3']);
      pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of 6`));
    } finally {
      joining.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => process.kill(pid as number, 0)).toThrow();
  });

  it('fails what was asked with a clear error when the process dies, and everything asked after', async () => {
    const joining = await JoinProcess.start({ title: 'Register pack', lang: 'en-GB' });
    const part = await partWith('Summary', 1);
    process.kill(joining.pid as number, 'SIGKILL');
    const first = await joining.append(part).then(() => 'joined', (error: unknown) => String(error));
    expect(first).toMatch(/joining stopped/);
    const second = await joining.finish().then(() => 'joined', (error: unknown) => String(error));
    expect(second).toMatch(/joining stopped/);
    joining.close();
  });
});
