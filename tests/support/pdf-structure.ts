// What poppler reads of a PDF's accessibility: whether it is tagged, its structure tree, its
// bookmarks and the sizes of its text. Each is read by a real reader (pdfinfo, pdftohtml), not by
// the library that wrote the file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function withFile<T>(pdf: Uint8Array, read: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    return read(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });

/** pdfinfo's facts ("Tagged", "Pages", "Title"...) by name. */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const text = withFile(pdf, (file) => run('pdfinfo', [file]));
  return Object.fromEntries(text.split('\n').filter((line) => line.includes(':')).map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  }));
}

export interface StructureElement {
  type: string;
  depth: number;
  id?: string;
}

/** The structure tree as `pdfinfo -struct` prints it: an element a line, its attributes under it. */
export function structureListingOf(pdf: Uint8Array): string {
  return withFile(pdf, (file) => run('pdfinfo', ['-struct', file]));
}

/** The structure tree as `pdfinfo -struct` lists it: each element's type, depth and ID, in reading order. */
export function structureOf(pdf: Uint8Array): StructureElement[] {
  const text = structureListingOf(pdf);
  const elements: StructureElement[] = [];
  for (const line of text.split('\n')) {
    // Element lines are "  Type", "  Type (block)" or "  Type <id>:"; attribute lines start with "/".
    const match = /^( *)([A-Za-z][A-Za-z0-9]*)(?: \(\w+\))?(?: <([^>]*)>)?:?$/.exec(line);
    if (!match) continue;
    elements.push({ type: match[2]!, depth: match[1]!.length / 2, ...(match[3] ? { id: match[3] } : {}) });
  }
  return elements;
}

/** The text of the structure tree as `pdfinfo -struct-text` prints it: what a screen reader reads, artifacts left out. Slow on long documents (poppler takes about a minute for 170 pages). */
export function structureTextOf(pdf: Uint8Array): string {
  return withFile(pdf, (file) => run('pdfinfo', ['-struct-text', file]));
}

export interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** The bookmarks (document outline) as pdftohtml reads them, nested as they are shown. */
export function bookmarksOf(pdf: Uint8Array): Bookmark[] {
  const xml = withFile(pdf, (file) => run('pdftohtml', ['-xml', '-i', '-stdout', '-q', file]));
  const start = xml.indexOf('<outline>');
  if (start === -1) return [];
  const root: Bookmark[] = [];
  const stack: Bookmark[][] = [];
  let current = root;
  const tokens = /<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g;
  tokens.lastIndex = start + '<outline>'.length;
  for (let token = tokens.exec(xml); token; token = tokens.exec(xml)) {
    if (token[0] === '<outline>') {
      stack.push(current);
      current = current[current.length - 1]?.children ?? current;
    } else if (token[0] === '</outline>') {
      if (stack.length === 0) break;
      current = stack.pop()!;
    } else {
      current.push({ title: decodeXml(token[2]!), page: Number(token[1]), children: [] });
    }
  }
  return root;
}

function decodeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export interface PrintedText {
  page: number;
  text: string;
  /** In points, as pdftohtml rounds them. */
  size: number;
  /** From the top of the page, in points. */
  top: number;
  pageHeight: number;
}

/** Every run of text with its font size and place, as pdftohtml reads it at 1 point a pixel. */
export function printedTextOf(pdf: Uint8Array): PrintedText[] {
  const xml = withFile(pdf, (file) => run('pdftohtml', ['-xml', '-i', '-stdout', '-q', '-zoom', '1', file]));
  const sizes = new Map<string, number>();
  for (const match of xml.matchAll(/<fontspec id="(\d+)" size="(-?[\d.]+)"/g)) sizes.set(match[1]!, Number(match[2]));
  const runs: PrintedText[] = [];
  for (const pageMatch of xml.matchAll(/<page number="(\d+)"[^>]*height="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)) {
    for (const text of pageMatch[3]!.matchAll(/<text top="(-?[\d.]+)"[^>]*font="(\d+)">([\s\S]*?)<\/text>/g)) {
      runs.push({
        page: Number(pageMatch[1]),
        text: decodeXml(text[3]!.replace(/<[^>]+>/g, '')),
        size: sizes.get(text[2]!) ?? 0,
        top: Number(text[1]),
        pageHeight: Number(pageMatch[2]),
      });
    }
  }
  return runs;
}
