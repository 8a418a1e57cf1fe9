import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { PDFOptions } from 'puppeteer-core';
import { readBrowserRecord, recordBrowser } from '../../server/browser/browser-record';
import { commandLine, processesInGroup } from '../../server/browser/processes';
import { SharedBrowser } from '../../server/browser/shared-browser';
import { pdfPages } from '../support/pdf-text';
import type { PrintAndWaitReport } from '../support/print-and-wait';
import { browserProcesses, childrenOf, knownProcess, signalIfStillRuns, stillRuns, waitFor, type KnownProcess } from '../support/processes';

// Chromium must not outlive the app: a server killed with kill -9 once left its Chromium (11
// processes, 1.2 GB) running for ever.

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const PRINT_AND_WAIT = path.join(ROOT, 'tests/support/print-and-wait.ts');
const A4: PDFOptions = { format: 'A4' };

/** Everything these tests started, killed in afterAll if still there (pids checked by start time). */
const started: KnownProcess[] = [];
const spawned: ChildProcess[] = [];
const dirs: string[] = [];

function browserDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-lifetime-'));
  dirs.push(dir);
  return dir;
}

/** Starts a stand-in server in its own process and resolves once it has printed a plan. */
async function startServer(dir: string): Promise<PrintAndWaitReport> {
  const child = spawn(TSX, [PRINT_AND_WAIT, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  spawned.push(child);
  const report = await new Promise<PrintAndWaitReport>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as PrintAndWaitReport));
    child.once('exit', (code) => reject(new Error(`The stand-in server exited (${code}) before printing.`)));
  });
  started.push(knownProcess(report.serverPid), ...browserProcesses(report.browserPid));
  return report;
}

const allGone = (processes: KnownProcess[]) => () => processes.every((known) => !stillRuns(known));

afterAll(() => {
  for (const known of started) signalIfStillRuns(known, 'SIGKILL');
  for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a server killed with kill -9', () => {
  it('takes every process of its Chromium with it within a few seconds', async () => {
    const { serverPid, browserPid } = await startServer(browserDir());
    const chromium = browserProcesses(browserPid);
    expect(chromium.length).toBeGreaterThan(1);

    process.kill(serverPid, 'SIGKILL');
    const tookMs = await waitFor(allGone(chromium), 5_000);

    expect(tookMs).not.toBeNull();
    expect(processesInGroup(browserPid)).toEqual([]);
  });
});

describe('a browser left running by a killed server', () => {
  it('is killed, and its profile removed, when the next printer launches its own', async () => {
    const dir = browserDir();
    const { serverPid, browserPid } = await startServer(dir);
    const leftover = readBrowserRecord(dir);
    const chromium = browserProcesses(browserPid);
    // Without its watchdog, nothing is left to kill Chromium when the server dies.
    const watchdogs = childrenOf(serverPid).filter((pid) => commandLine(pid)?.includes(' bulwark-chromium-watchdog '));
    expect(watchdogs).toHaveLength(1);
    for (const pid of watchdogs) process.kill(pid, 'SIGKILL');
    process.kill(serverPid, 'SIGKILL');
    expect(await waitFor(allGone(chromium), 1_500)).toBeNull();
    expect(leftover).toMatchObject({ pid: browserPid });

    const next = new SharedBrowser({ dir });
    try {
      expect(pdfPages(await next.pdf('<p>After the leftover</p>', A4))[0]).toContain('After the leftover');
      expect(await waitFor(allGone(chromium), 5_000)).not.toBeNull();
      expect(fs.existsSync(leftover?.profileDir ?? '')).toBe(false);
      const newPid = (await next.browser()).process()?.pid;
      expect(newPid).not.toBe(browserPid);
      expect(readBrowserRecord(dir)).toMatchObject({ pid: newPid });
    } finally {
      await next.close();
    }
    expect(readBrowserRecord(dir)).toBeNull();
  });

  it('is not mistaken for another process that now has its pid', async () => {
    const dir = browserDir();
    // Its own process group, as a browser's would be: the most a reused pid could look like one.
    const stranger = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    spawned.push(stranger);
    const strangerPid = stranger.pid ?? 0;
    const known = knownProcess(strangerPid);
    started.push(known);
    recordBrowser(dir, { pid: strangerPid, profileDir: path.join(dir, 'profile-of-a-browser-long-gone') });

    const next = new SharedBrowser({ dir });
    try {
      await next.pdf('<p>Printed</p>', A4);
      expect(stillRuns(known)).toBe(true);
    } finally {
      await next.close();
    }
  });
});
