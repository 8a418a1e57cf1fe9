// What Linux says about a process, read from /proc: enough to recognise the app's own Chromium
// and to kill all of it at once.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces. */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** True while the process exists and has not exited; a zombie waiting to be reaped has. */
export function isRunning(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

export function processGroupOf(pid: number): number | null {
  const group = statFields(pid)?.[2];
  return group === undefined ? null : Number(group);
}

/**
 * The process's arguments joined by spaces. Chromium rewrites its own command line into one
 * string, so it is searched as text, not as a list of arguments.
 */
export function commandLine(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return null;
  }
}

/** The running processes of a process group: Chromium's are all in its leader's. */
export function processesInGroup(groupId: number): number[] {
  return fs.readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => processGroupOf(pid) === groupId && isRunning(pid));
}

/**
 * SIGKILLs every process in the group. A group already gone is no error, nor is one we may not
 * signal: its id was taken by another user's processes after ours had gone.
 */
export function killProcessGroup(groupId: number): void {
  try {
    process.kill(-groupId, 'SIGKILL');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ESRCH' && code !== 'EPERM') throw error;
  }
}

/** Resolves once no process of the group runs, or after `ms`: a SIGKILLed group goes in milliseconds. */
export async function waitUntilGroupGone(groupId: number, ms: number): Promise<void> {
  const giveUpAt = Date.now() + ms;
  while (processesInGroup(groupId).length > 0 && Date.now() < giveUpAt) await sleep(50);
}
