// Processes a test started or stopped, told apart from whatever later reuses their pids: each is
// remembered with its start time, and signalled only while that still matches.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning, processesInGroup } from '../../server/browser/processes';

export interface KnownProcess {
  pid: number;
  startedAt: string;
}

/** The fields of /proc/<pid>/stat after the command name, counted from 3 (state) in proc(5). */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Field 22: when the process started, in clock ticks since boot. */
function startTime(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** The running children of a process, by their parent pid (field 4). */
export function childrenOf(parentPid: number): number[] {
  return fs.readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => statFields(pid)?.[1] === String(parentPid) && isRunning(pid));
}

export function knownProcess(pid: number): KnownProcess {
  const startedAt = startTime(pid);
  if (startedAt === null) throw new Error(`Process ${pid} is not running.`);
  return { pid, startedAt };
}

export function stillRuns(known: KnownProcess): boolean {
  return startTime(known.pid) === known.startedAt && isRunning(known.pid);
}

/** Sends a signal to the process only if it is still the one the test knew. */
export function signalIfStillRuns(known: KnownProcess, signal: NodeJS.Signals): void {
  if (!stillRuns(known)) return;
  try {
    process.kill(known.pid, signal);
  } catch {
    // It went between the check and the signal.
  }
}

/** Every running process of a browser: its group, which Chromium's processes all stay in. */
export function browserProcesses(browserPid: number): KnownProcess[] {
  return processesInGroup(browserPid).map((pid) => ({ pid, startedAt: startTime(pid) ?? '' }));
}

/** Polls until `done()` or `ms` have passed; says how long it waited, or null if it gave up. */
export async function waitFor(done: () => boolean, ms: number): Promise<number | null> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) return null;
    await sleep(25);
  }
  return Date.now() - started;
}
