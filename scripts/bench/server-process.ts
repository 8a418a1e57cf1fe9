// The real compiled server as a child process: started, timed to its first healthy answer,
// watched for CPU time and peak memory through /proc, and stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLOCK_TICKS_PER_SECOND = 100;

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  base: string;
  /** From spawn to the first 200 from /healthz. */
  startMs: number;
  stop(): Promise<void>;
}

/** User plus system CPU time of a process so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The process's resident memory now (VmRSS), in MB. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** The process's peak resident memory (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export async function startServer(options: { root: string; databasePath: string; port: number; logFile: string }): Promise<ServerProcess> {
  const base = `http://127.0.0.1:${options.port}`;
  const log = fs.openSync(options.logFile, 'a');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(options.root, 'dist/server/main.js')], {
    cwd: options.root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATABASE_PATH: options.databasePath,
      BROWSER_DIR: path.join(path.dirname(options.databasePath), 'chromium'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let startMs = NaN;
  for (let attempt = 0; attempt < 3000; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} while starting; see ${options.logFile}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) {
        startMs = Number(process.hrtime.bigint() - started) / 1e6;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (Number.isNaN(startMs)) {
    child.kill('SIGKILL');
    throw new Error('the server did not answer /healthz within 15 s');
  }
  return {
    child,
    pid: child.pid as number,
    base,
    startMs,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memoryGb: os.totalmem() / 1024 ** 3,
    load: () => os.loadavg().map((l) => l.toFixed(2)).join(' '),
    node: process.version,
  };
}

/**
 * Watches the server's child processes whose command line holds `match` (the register pack's
 * joining, server/print/join-worker.ts) and keeps the highest peak memory (VmHWM) any reached,
 * until stopped: they end with their pack, so they are read while they run.
 */
export function watchChildPeak(parentPid: number, match: string): { stop(): number } {
  let peak = 0;
  const sample = () => {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== parentPid || !fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(match)) continue;
        peak = Math.max(peak, peakRssMb(Number(entry)));
      } catch {
        // the process ended while it was being read
      }
    }
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
