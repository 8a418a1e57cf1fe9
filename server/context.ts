import type { Db } from '../db/connection';
import type { CookieSettings } from './access/session';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { PlanPrinter } from './print/plan-printer';

/**
 * What every route is handed: built once at start (server/main.ts, or a test), so routes never
 * import the app that mounts them.
 */
export interface AppContext {
  db: Db;
  clock: Clock;
  cookies: CookieSettings;
  /** Prints plans; its Chromium starts on the first print. */
  printer: PlanPrinter;
  /** Where people reach Bulwark (no trailing slash): the base of every link sent outside a page, such as calendar entries. */
  publicBaseUrl: string;
  logger: Logger;
}
