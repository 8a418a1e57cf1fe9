import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { migrateToLatest, openDatabase, type DbHandle } from '../../db/connection';
import { createApp } from '../../server/app';
import { fixedClock } from '../../server/clock';

export const TODAY = '2026-11-23';

export interface TestApp {
  app: Express;
  /** A cookie-keeping client of the app, as a browser would be: use it for every request a user makes. */
  http: ReturnType<typeof request.agent>;
  handle: DbHandle;
  file: string;
  close(): Promise<void>;
}

/** A real SQLite file, freshly migrated, behind the real app, with today fixed. */
export async function startTestApp(today = TODAY): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-test-'));
  const file = path.join(dir, 'bulwark.sqlite');
  const handle = openDatabase(file);
  await migrateToLatest(handle.db);
  const app = createApp({ db: handle.db, clock: fixedClock(today) });
  return {
    app,
    http: request.agent(app),
    handle,
    file,
    async close() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
