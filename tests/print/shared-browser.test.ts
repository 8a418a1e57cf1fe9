import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PDFOptions } from 'puppeteer-core';
import { RenderError, SharedBrowser } from '../../server/browser/shared-browser';
import { createPlanPrinter, PrintError } from '../../server/print/plan-printer';
import { samplePlan } from '../support/plan-documents';
import { pdfPages } from '../support/pdf-text';
import { testBrowser } from '../support/test-printer';

const A4: PDFOptions = { format: 'A4' };

describe('the shared browser', () => {
  const blocked: string[] = [];
  let browser: SharedBrowser;
  let server: http.Server;
  let hits: string[];
  let origin: string;

  beforeAll(async () => {
    browser = testBrowser({ onBlockedRequest: (url) => blocked.push(url) });
    hits = [];
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('body { color: red }');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('never fetches anything from the network while printing', async () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="${origin}/style.css">
      <style>@import url("${origin}/import.css"); body { background: url("${origin}/background.png"); }</style>
      </head><body><p>Printed without the network</p>
      <img src="${origin}/logo.png" alt="">
      <iframe src="${origin}/frame.html"></iframe>
      <a href="${origin}/link">a link</a>
      </body></html>`;
    const pages = pdfPages(await browser.pdf(html, A4));
    expect(pages[0]).toContain('Printed without the network');
    expect(hits).toEqual([]);
    expect(blocked).toEqual(expect.arrayContaining([`${origin}/style.css`, `${origin}/logo.png`]));
  });

  it('runs no JavaScript in the page', async () => {
    const html = `<p id="text">As written</p><script>document.getElementById('text').textContent = 'Changed by a script';</script>`;
    const text = pdfPages(await browser.pdf(html, A4)).join('\n');
    expect(text).toContain('As written');
    expect(text).not.toContain('Changed by a script');
  });

  it('starts a new Chromium when the last one was killed, and prints with it', async () => {
    await browser.pdf('<p>Before</p>', A4);
    const first = await browser.browser();
    const killed = new Promise((resolve) => first.once('disconnected', resolve));
    first.process()?.kill('SIGKILL');
    await killed;
    const pages = pdfPages(await browser.pdf('<p>After the crash</p>', A4));
    expect(pages[0]).toContain('After the crash');
    const second = await browser.browser();
    expect(second).not.toBe(first);
    expect(second.process()?.pid).not.toBe(first.process()?.pid);
  });

  it('gives up on a render that takes too long, and the next render still prints', async () => {
    const failure = await browser.pdf('<p>Too slow</p>', A4, 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RenderError);
    expect(failure).toMatchObject({ reason: 'timeout' });
    expect(pdfPages(await browser.pdf('<p>In time</p>', A4))[0]).toContain('In time');
  });
});

describe('a plan printer whose browser dies mid-render', () => {
  it('reports a print error the route can show, and prints the next plan', async () => {
    const browser = testBrowser();
    const printer = createPlanPrinter({ browser });
    try {
      const chromium = await browser.browser();
      const printing = printer.plan(samplePlan({ cascadeRows: 40 }));
      // Kill Chromium as soon as it has a page open for the render.
      await new Promise<void>((resolve) => chromium.once('targetcreated', () => resolve()));
      chromium.process()?.kill('SIGKILL');
      const failure = await printing.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PrintError);
      // Usually 'print_browser'; on a loaded machine the render's timeout can fire before the
      // disconnection is noticed. Either way the user is told to try again, and the next print works.
      expect(failure).toMatchObject({ status: 503, code: expect.stringMatching(/^print_(browser|timeout)$/) });
      expect((failure as Error).message).toMatch(/try again/);
      const pages = pdfPages(await printer.plan(samplePlan()));
      expect(pages[0]).toContain('BCP-SCCTD-CTD-LON');
    } finally {
      await printer.close();
      await browser.close();
    }
  });
});
