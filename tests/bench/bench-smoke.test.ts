import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The benchmark on a tiny dataset, so it never rots: every page, floor, write and print path
// runs, and the database must hold every save the server acknowledged.
describe('npm run bench -- --smoke', () => {
  it('measures every page against its floors and writes a report', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-bench-smoke-'));
    try {
      const run = spawnSync('npm', ['run', '--silent', 'bench', '--', '--smoke', '--out', out], {
        cwd: path.join(__dirname, '../..'),
        encoding: 'utf8',
        timeout: 240_000,
      });
      if (run.status !== 0) throw new Error(`the smoke bench failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
      const report = fs.readFileSync(path.join(out, 'latest-smoke.md'), 'utf8');
      for (const row of ['Home (HQ)', 'Division register', 'Organisation register', 'Risk page', 'Plan page', "Coordinator's board, division", "Coordinator's board, organisation", 'review saves', 'risk edits', 'one plan PDF', 'start-up', 'peak memory', 'Quarterly return as submitted', "HQ's table of returns", 'quarterly return submitted', "the return's snapshot", "XLSX of the organisation's register", 'import dry run', "Quality findings of a division's overarching register", 'Likely duplicates of one division',
        'the framework floor', "the register pack's joining process", 'Calendar, organisation']) {
        expect(report).toContain(row);
      }
      // The framework floor was measured: a figure, not a dash.
      expect(report).toMatch(/the framework floor \(median; CPU per request\) \| \d+ ms; [\d.]+ ms/);
      expect(report).toMatch(/Load average \(1, 5, 15 min\) [\d.]+ [\d.]+ [\d.]+/);
      expect(report).toMatch(/\| review saves \| [\d,]+ \| .* \| (\d+) \/ \1 \|/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
