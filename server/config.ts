import fs from 'node:fs';
import path from 'node:path';

export const ROOT_DIR = path.resolve(__dirname, '..');

export interface Config {
  port: number;
  databasePath: string;
  /**
   * The printer's Chromium profiles and the note of its running browser, by which a start kills
   * one a killed server left. One per database, so two installations never touch each other's.
   */
  browserDir: string;
  /** Set SECURE_COOKIES=1 when Bulwark is served over TLS (directly or behind a proxy). */
  secureCookies: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const databasePath = env.DATABASE_PATH ?? path.join(ROOT_DIR, 'data', 'bulwark.sqlite');
  return {
    port: Number(env.PORT ?? 3000),
    databasePath,
    browserDir: env.BROWSER_DIR ?? path.join(path.dirname(databasePath), 'chromium'),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
  };
}

export const APP_VERSION: string = (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
