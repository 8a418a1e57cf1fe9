// Jest runs this once after every suite (jest.config.ts, globalTeardown): the templates go.
import fs from 'node:fs';
import { TEMPLATES_DIR_VARIABLE } from './templates';

export default function globalTeardown(): void {
  const dir = process.env[TEMPLATES_DIR_VARIABLE];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
