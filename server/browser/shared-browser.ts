// One Chromium for the whole app, launched on first use and again whenever it dies, printing
// HTML the app made itself. Pages run with JavaScript off and every network request refused,
// in one incognito context per launch. A page is reused for the next render only when its
// render succeeded; a page that failed or timed out is closed in `finally`, never reused.
// Why reuse at all: a fresh context per render measured 1.1 s for one plan and a fresh page
// 0.6 s, against 0.27 s for a warm page (README, Decisions). The documents are the app's own
// HTML with no script, no network and no storage, so nothing can pass from one render to the next.
import puppeteer, { type Browser, type BrowserContext, type HTTPRequest, type LaunchOptions, type Page, type PDFOptions } from 'puppeteer-core';
import { chromiumLaunchOptions } from './chromium';

export type RenderFailure = 'timeout' | 'browser' | 'closed';

/** A render that did not produce a PDF; `reason` says whether waiting or retrying can help. */
export class RenderError extends Error {
  constructor(readonly reason: RenderFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RenderError';
  }
}

export interface SharedBrowserOptions {
  launch?: LaunchOptions;
  /** A render taking longer than this is abandoned and its page closed. */
  timeoutMs?: number;
  /** Renders at once; the rest wait their turn. Two suits the 2-core machines. */
  concurrency?: number;
  /** Told of every request a page tried to make and was refused. */
  onBlockedRequest?: (url: string) => void;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** A page is retired after this many renders, so whatever Chromium accumulates in it is let go. */
const RENDERS_PER_PAGE = 100;

/** Only what is already inside the document: data: URLs and the blank page a new tab starts on. */
function isInlineUrl(url: string): boolean {
  return url.startsWith('data:') || url === 'about:blank';
}

/** One launched browser with its context and the warm pages waiting for the next render. */
interface Session {
  browser: Browser;
  context: BrowserContext;
  idle: Page[];
}

export class SharedBrowser {
  private starting: Promise<Session> | null = null;
  private closed = false;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly renders = new WeakMap<Page, number>();
  private readonly timeoutMs: number;
  private readonly concurrency: number;

  constructor(private readonly options: SharedBrowserOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.concurrency = options.concurrency ?? 2;
  }

  /** The running browser: launched on first use, and again if the last one disconnected or crashed. */
  async browser(): Promise<Browser> {
    return (await this.session()).browser;
  }

  /** Prints self-contained HTML to PDF. Throws RenderError; a page that failed is always closed. */
  async pdf(html: string, pdfOptions: PDFOptions, timeoutMs = this.timeoutMs): Promise<Uint8Array> {
    await this.acquire();
    let session: Session | undefined;
    let page: Page | undefined;
    let succeeded = false;
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      session = await this.session();
      const current = session;
      const render = (async () => {
        const used = current.idle.pop() ?? await this.openPage(current.context);
        page = used;
        if (abandoned) throw new RenderError('timeout', 'The render was abandoned before it started.');
        await used.setContent(html, { waitUntil: 'load', timeout: 0 });
        return used.pdf({ waitForFonts: false, ...pdfOptions, timeout: 0 });
      })();
      // An abandoned render fails once its page is closed; one that opened its page too late closes it itself.
      render.catch(async () => {
        if (abandoned && page && !page.isClosed()) await page.close().catch(() => undefined);
      });
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new RenderError('timeout', `Printing took longer than ${timeoutMs} ms and was stopped.`)), timeoutMs);
      });
      const pdf = await Promise.race([render, timeout]);
      succeeded = true;
      return pdf;
    } catch (error) {
      if (error instanceof RenderError) throw error;
      throw new RenderError('browser', 'Chromium failed while printing.', { cause: error });
    } finally {
      abandoned = !succeeded;
      clearTimeout(timer);
      await this.putBack(session, page, succeeded);
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const starting = this.starting;
    this.starting = null;
    const session = await starting?.catch(() => null);
    await session?.browser.close().catch(() => undefined);
  }

  private async session(): Promise<Session> {
    if (this.closed) throw new RenderError('closed', 'The printer has been shut down.');
    const starting = this.starting;
    if (starting) {
      const session = await starting.catch(() => null);
      if (session?.browser.connected) return session;
      // Dead or never started: the first render to notice relaunches, the others wait for that launch.
      if (this.starting === starting) this.starting = null;
      return this.session();
    }
    const launching = this.launch();
    this.starting = launching;
    return launching;
  }

  private async launch(): Promise<Session> {
    let browser: Browser;
    try {
      browser = await puppeteer.launch(this.options.launch ?? chromiumLaunchOptions);
    } catch (error) {
      throw new RenderError('browser', 'Chromium could not be started.', { cause: error });
    }
    const session: Session = { browser, context: await browser.createBrowserContext(), idle: [] };
    browser.once('disconnected', () => {
      session.idle.length = 0;
    });
    return session;
  }

  private async openPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (isInlineUrl(request.url())) {
        void request.continue();
      } else {
        this.options.onBlockedRequest?.(request.url());
        void request.abort('blockedbyclient');
      }
    });
    return page;
  }

  /** A page that printed goes back to wait for the next render; any other page is closed. */
  private async putBack(session: Session | undefined, page: Page | undefined, succeeded: boolean): Promise<void> {
    if (!page) return;
    const renders = (this.renders.get(page) ?? 0) + 1;
    this.renders.set(page, renders);
    if (succeeded && session && !this.closed && session.browser.connected && renders < RENDERS_PER_PAGE && !page.isClosed()) {
      session.idle.push(page);
      return;
    }
    await page.close().catch(() => undefined);
  }

  private async acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    // The finishing render hands its slot straight over, so `running` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
