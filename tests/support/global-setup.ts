// Jest runs this once, in its parent process, before any suite (jest.config.ts, globalSetup);
// the workers it starts afterwards inherit the environment variable naming the templates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setPasswordCostForTests } from '../../server/access/passwords';
import { makeTemplates, TEMPLATES_DIR_VARIABLE } from './templates';

export default async function globalSetup(): Promise<void> {
  // The demo users' hashes are made here, so they are as cheap as every other test user's.
  setPasswordCostForTests('cheap');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-templates-'));
  await makeTemplates(dir);
  process.env[TEMPLATES_DIR_VARIABLE] = dir;
}
