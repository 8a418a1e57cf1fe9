// The register pack's joining and stamping, in a process of its own (started by join-process.ts
// for each pack, ended when it is done). Joining the organisation's pack holds every page of
// 1,300 in pdf-lib's objects at once: some 600 MB that, in the server, stayed its memory for
// as long as it ran. Here it is handed back to the system the moment the pack is written.
// Requests come one at a time, each answered before the next is sent.
import { beginMarkedContent, endMarkedContent, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { TaggedPdfJoiner, type JoinOptions } from './join-tagged-pdfs';

export type JoinRequest =
  | { kind: 'start'; options: JoinOptions }
  | { kind: 'append'; pdf: Uint8Array }
  | { kind: 'prepend'; pdf: Uint8Array }
  | { kind: 'finish' };

export type JoinReply =
  | { kind: 'started' }
  | { kind: 'appended'; pages: number }
  | { kind: 'prepended'; pages: number }
  | { kind: 'finished'; pdf: Uint8Array; peakMb: number }
  | { kind: 'failed'; message: string; stack?: string };

const load = (pdf: Uint8Array) => PDFDocument.load(pdf, { updateMetadata: false });

/** "Page x of y" on every page, 14 mm from the right on the footer's first line, marked as an artifact so a screen reader passes over it. */
async function stampPageNumbers(joined: PDFDocument): Promise<void> {
  const font = await joined.embedFont(StandardFonts.Helvetica);
  const total = joined.getPageCount();
  joined.getPages().forEach((page, index) => {
    const text = `Page ${index + 1} of ${total}`;
    const size = 9;
    const { width } = page.getSize();
    page.pushOperators(beginMarkedContent('Artifact'));
    // About 12.6 mm from the bottom.
    page.drawText(text, { x: width - 39.7 - font.widthOfTextAtSize(text, size), y: 31, size, font, color: rgb(0.04, 0.05, 0.05) });
    page.pushOperators(endMarkedContent());
  });
}

let joiner: TaggedPdfJoiner | undefined;

async function handle(request: JoinRequest): Promise<JoinReply> {
  switch (request.kind) {
    case 'start':
      joiner = await TaggedPdfJoiner.start(request.options);
      return { kind: 'started' };
    case 'append': {
      if (!joiner) throw new Error('Nothing started to append to.');
      const part = await load(request.pdf);
      joiner.append(part);
      return { kind: 'appended', pages: part.getPageCount() };
    }
    case 'prepend': {
      if (!joiner) throw new Error('Nothing started to put a part in front of.');
      const part = await load(request.pdf);
      joiner.prepend(part);
      return { kind: 'prepended', pages: part.getPageCount() };
    }
    case 'finish': {
      if (!joiner) throw new Error('Nothing started to finish.');
      const joined = joiner.finish();
      await stampPageNumbers(joined);
      // Object streams compress the structure elements: see the plan pack (plan-printer.ts).
      const pdf = await joined.save({ useObjectStreams: true });
      return { kind: 'finished', pdf, peakMb: process.resourceUsage().maxRSS / 1024 };
    }
  }
}

process.on('message', (request: JoinRequest) => {
  handle(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ kind: 'failed', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } satisfies JoinReply),
  );
});
// The server went away (or is done with this pack): nothing is left to do.
process.on('disconnect', () => process.exit(0));
