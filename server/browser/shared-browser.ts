// One Chromium for the whole app, launched on first use and again whenever it dies, printing
// HTML the app made itself. Pages run with JavaScript off and every network request refused,
// in one incognito context per launch. A page is reused for the next render only when its
// render succeeded; a page that failed is closed, never reused, and a render that ran out of
// time has its whole browser killed, since a Chromium that stopped answering cannot close a page.
// Why reuse at all: a fresh context per render measured 1.1 s for one plan and a fresh page
// 0.6 s, against 0.27 s for a warm page (docs/continuity-plans.md, Printed plans). The documents are the app's own
// HTML with no script, no network and no storage, so nothing can pass from one render to the next.
// Chromium is launched through owned-chromium.ts, which makes sure it never outlives the app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, HTTPRequest, LaunchOptions, Page, PDFOptions } from 'puppeteer-core';
import { chromiumLaunchOptions } from './chromium';
import { withDeadline } from './deadline';
import { cleanUpBrowserDir, launchOwnedChromium, type OwnedChromium } from './owned-chromium';

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
  /** A render taking longer than this is abandoned, and the browser that ran it is killed. */
  timeoutMs?: number;
  /** Renders at once; the rest wait their turn. Two suits the 2-core machines. */
  concurrency?: number;
  /** Told of every request a page tried to make and was refused. */
  onBlockedRequest?: (url: string) => void;
  /**
   * The app's own browser folder (the app keeps it beside its database): Chromium's profiles and
   * the note that lets the next start kill a browser left by a killed server. By default a fresh
   * temporary folder, removed by close(), which no later start will look in.
   */
  dir?: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** A page that does not close within this belongs to a browser that no longer answers. */
const PAGE_CLOSE_TIMEOUT_MS = 5_000;
/** A page is retired after this many renders, so whatever Chromium accumulates in it is let go. */
const RENDERS_PER_PAGE = 100;

/** Only what is already inside the document: data: URLs and the blank page a new tab starts on. */
function isInlineUrl(url: string): boolean {
  return url.startsWith('data:') || url === 'about:blank';
}

/** One launched browser with its context and the warm pages waiting for the next render. */
interface Session {
  chromium: OwnedChromium;
  context: BrowserContext;
  idle: Page[];
  /** Killed for not answering: never handed to another render, even before it has disconnected. */
  condemned: boolean;
}

/** What one render has got hold of so far, for whoever clears up after it. */
interface RenderState {
  session?: Session;
  page?: Page;
  abandoned: boolean;
}

type RenderOutcome = 'printed' | 'failed' | 'timedOut';

export class SharedBrowser {
  private starting: Promise<Session> | null = null;
  private closed = false;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly renders = new WeakMap<Page, number>();
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private dir: string | null = null;

  constructor(private readonly options: SharedBrowserOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.concurrency = options.concurrency ?? 2;
  }

  /** The running browser: launched on first use, and again if the last one disconnected, crashed or was killed. */
  async browser(): Promise<Browser> {
    return (await this.session()).chromium.browser;
  }

  /**
   * Prints self-contained HTML to PDF. Throws RenderError within `timeoutMs` of its turn, however
   * Chromium behaves: the answer never waits for a page to close, and a render that ran out of
   * time gets its browser killed, since a hung Chromium still counts as connected.
   */
  async pdf(html: string, pdfOptions: PDFOptions, timeoutMs = this.timeoutMs): Promise<Uint8Array> {
    await this.acquire();
    const state: RenderState = { abandoned: false };
    let outcome: RenderOutcome = 'failed';
    try {
      const pdf = await withDeadline(this.render(state, html, pdfOptions), timeoutMs,
        () => new RenderError('timeout', `Printing took longer than ${timeoutMs} ms and was stopped.`));
      outcome = 'printed';
      return pdf;
    } catch (error) {
      if (error instanceof RenderError) {
        if (error.reason === 'timeout') outcome = 'timedOut';
        throw error;
      }
      throw new RenderError('browser', 'Chromium failed while printing.', { cause: error });
    } finally {
      state.abandoned = outcome !== 'printed';
      // The slot is given back once the page is dealt with, which is bounded but need not delay the answer.
      void this.clearUp(state, outcome).finally(() => this.release());
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const starting = this.starting;
    this.starting = null;
    const session = await starting?.catch(() => null);
    await session?.chromium.close();
    if (this.dir !== null && this.options.dir === undefined) fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  private async render(state: RenderState, html: string, pdfOptions: PDFOptions): Promise<Uint8Array> {
    const session = await this.session();
    // Its time ran out while Chromium started, which is bounded by Puppeteer's launch timeout:
    // that browser is not to blame, and no page was opened that would need closing.
    if (state.abandoned) throw new RenderError('timeout', 'The render was abandoned before it started.');
    // From here a timeout condemns this session, so a page opened too late dies with its browser.
    state.session = session;
    const page = session.idle.pop() ?? await this.openPage(session.context);
    state.page = page;
    await page.setContent(html, { waitUntil: 'load', timeout: 0 });
    return page.pdf({ waitForFonts: false, ...pdfOptions, timeout: 0 });
  }

  private async session(): Promise<Session> {
    if (this.closed) throw new RenderError('closed', 'The printer has been shut down.');
    const starting = this.starting;
    if (starting) {
      const session = await starting.catch(() => null);
      if (session && !session.condemned && session.chromium.browser.connected) return session;
      // Dead, killed or never started: the first render to notice relaunches, the others wait for that launch.
      if (this.starting === starting) this.starting = null;
      return this.session();
    }
    const launching = this.launch();
    this.starting = launching;
    return launching;
  }

  private async browserDir(): Promise<string> {
    if (this.dir === null) {
      this.dir = this.options.dir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-chromium-')) : path.resolve(this.options.dir);
      // Once per app, before its first browser: one left by a killed earlier run is found and killed.
      await cleanUpBrowserDir(this.dir);
    }
    return this.dir;
  }

  private async launch(): Promise<Session> {
    let chromium: OwnedChromium;
    try {
      chromium = await launchOwnedChromium(this.options.launch ?? chromiumLaunchOptions, await this.browserDir());
    } catch (error) {
      throw new RenderError('browser', 'Chromium could not be started.', { cause: error });
    }
    let context: BrowserContext;
    try {
      context = await chromium.browser.createBrowserContext();
    } catch (error) {
      chromium.kill();
      throw new RenderError('browser', 'Chromium started but could not open a context.', { cause: error });
    }
    const session: Session = { chromium, context, idle: [], condemned: false };
    chromium.browser.once('disconnected', () => {
      session.idle.length = 0;
    });
    return session;
  }

  /** Kills a browser that stopped answering; the next render launches another. */
  private condemn(session: Session): void {
    if (session.condemned) return;
    session.condemned = true;
    session.idle.length = 0;
    session.chromium.kill();
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

  /**
   * Closes a page, or condemns its browser if even that gets no answer in time. Any answer will
   * do, an error included (a crashed page cannot be closed): only silence means a hung browser.
   */
  private async closePage(session: Session, page: Page): Promise<void> {
    if (session.condemned || page.isClosed()) return;
    const answered = page.close().then(() => true, () => true);
    const inTime = await withDeadline(answered, PAGE_CLOSE_TIMEOUT_MS, () => new Error('The page did not close in time.')).catch(() => false);
    if (!inTime && session.chromium.browser.connected) this.condemn(session);
  }

  /**
   * A page that printed goes back to wait for the next render, and any other page is closed. A
   * render that ran out of time has its browser killed instead: closing its page would wait on
   * the very browser that stopped answering (Puppeteer's 180 s protocol timeout, before it was set).
   */
  private async clearUp(state: RenderState, outcome: RenderOutcome): Promise<void> {
    const { session, page } = state;
    if (outcome === 'timedOut' && session) {
      this.condemn(session);
      return;
    }
    if (!session || !page) return;
    const renders = (this.renders.get(page) ?? 0) + 1;
    this.renders.set(page, renders);
    if (outcome === 'printed' && !this.closed && !session.condemned && session.chromium.browser.connected && renders < RENDERS_PER_PAGE && !page.isClosed()) {
      session.idle.push(page);
      return;
    }
    await this.closePage(session, page);
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
