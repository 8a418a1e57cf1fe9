import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { openDatabase, type DbHandle } from '../../db/connection';
import { createApp } from '../../server/app';
import { fixedClock, type Clock } from '../../server/clock';
import { ROLES } from '../../server/domain/roles';
import type { PlanPrinter } from '../../server/print/plan-printer';
import { createLogger, type Logger } from '../../server/logger';
import { copyTemplate, TODAY } from './templates';
import { testPrinter } from './test-printer';
import { signInWith, type Client } from './users';

export { TODAY };
/** The configured public address of the test app: links sent outside a page must use it. */
export const TEST_BASE_URL = 'https://bulwark.test.example.gov.uk';

export interface TestApp {
  app: Express;
  /**
   * A signed-in client holding every role over the whole organisation, keeping cookies and
   * sending the CSRF token as a browser's forms would. Tests about access use signInWith().
   */
  http: Client;
  handle: DbHandle;
  file: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: Clock;
  secureCookies?: boolean;
  /** By default a printer allowing TEST_RENDER_LIMIT_MS a render; the test app closes whichever it has. */
  printer?: PlanPrinter;
  logger?: Logger;
  /** Start from the demo organisation (loaded as of TODAY by the global set-up) instead of an empty database. */
  demo?: boolean;
}

/** A real SQLite file, a copy of the migrated template, behind the real app, with today fixed. */
export async function startTestApp(today = TODAY, options: TestAppOptions = {}): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-test-'));
  const file = copyTemplate(options.demo ? 'demo' : 'migrated', path.join(dir, 'bulwark.sqlite'));
  const handle = openDatabase(file);
  // Chromium starts only if a test prints.
  const printer = options.printer ?? testPrinter();
  const app = createApp({ db: handle.db, clock: options.clock ?? fixedClock(today), cookies: { secure: options.secureCookies ?? false }, printer, publicBaseUrl: TEST_BASE_URL, logger: options.logger ?? createLogger('silent') });
  // As in production: each view and partial compiled once, not read from disk and compiled again
  // for every page. Jest sets NODE_ENV=test, so createApp leaves the cache off as for development.
  app.enable('view cache');
  return {
    app,
    // Secure cookies do not come back over the tests' plain HTTP, so that app's client stays signed out.
    http: options.secureCookies ? request.agent(app) : await signInWith(app, handle.db, ROLES.map((role) => ({ role, node_id: null }))),
    handle,
    file,
    async close() {
      await printer.close();
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
