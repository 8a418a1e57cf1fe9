import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './log-levels';

/** The project folder (views, templates, public): found by its package.json, so it is the same from `server/` under tsx and from `dist/server/` compiled. */
function findRootDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const ROOT_DIR = findRootDir(__dirname);

export interface Config {
  port: number;
  /** The address to listen on: loopback unless told otherwise, so a development server is never on the network by accident. */
  host: string;
  databasePath: string;
  /**
   * The printer's Chromium profiles and the note of its running browser, by which a start kills
   * one a killed server left. One per database, so two installations never touch each other's.
   */
  browserDir: string;
  /** Set SECURE_COOKIES=1 when Bulwark is served over TLS (directly or behind a proxy). */
  secureCookies: boolean;
  /** Express's `trust proxy`: false, a number of proxy hops, or addresses ('loopback'). */
  trustProxy: boolean | number | string;
  /** Where people reach Bulwark: links in calendars (and any email) are built from it, never from a request's Host header. */
  publicBaseUrl: string;
  logLevel: LogLevel;
  /** After SIGTERM, requests in flight get this long to finish before the server exits anyway. */
  shutdownTimeoutMs: number;
}

/** A setting that is wrong stops the start, naming every variable at fault. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bulwark cannot start: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const flag = (name: string) =>
  z.enum(['0', '1', 'true', 'false'], { error: `${name} must be 1 or 0 (or true or false)` }).transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.string().regex(/^\d{1,5}$/, 'PORT must be a port number, 1 to 65535').transform(Number)
    .refine((n) => n >= 1 && n <= 65535, 'PORT must be a port number, 1 to 65535').default(3000),
  HOST: z.string().min(1, 'HOST must be an address to listen on, such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1, 'DATABASE_PATH must be a file path').optional(),
  BROWSER_DIR: z.string().min(1, 'BROWSER_DIR must be a folder path').optional(),
  SECURE_COOKIES: flag('SECURE_COOKIES').default(false),
  TRUST_PROXY: z.string().regex(/^(0|1|true|false|\d{1,2}|[\w.:/, -]+)$/, 'TRUST_PROXY must be 0, 1, a number of proxies, or addresses such as loopback')
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)).default(false),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.string().regex(/^\d{1,6}$/, 'SHUTDOWN_TIMEOUT_MS must be a number of milliseconds').transform(Number).default(10_000),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'PUBLIC_BASE_URL must be a full http:// or https:// address, such as https://bulwark.example.gov.uk' }).optional(),
});

/** Reads and checks the environment once, at start; everything else is handed the result. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as shells and service files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  const e = parsed.data;
  const databasePath = e.DATABASE_PATH ?? path.join(ROOT_DIR, 'data', 'bulwark.sqlite');
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath,
    browserDir: e.BROWSER_DIR ?? path.join(path.dirname(databasePath), 'chromium'),
    secureCookies: e.SECURE_COOKIES,
    trustProxy: e.TRUST_PROXY,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

export const APP_VERSION: string = (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
