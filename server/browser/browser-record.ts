// A note of the running Chromium, kept in the app's browser folder (beside its database), so a
// start after the server was killed can find a browser the watchdog did not get to, and kill it.
// A pid alone could by then name someone else's process: the browser is recognised by the
// profile folder in its processes' command lines, made fresh for each launch, and by its group.
import fs from 'node:fs';
import path from 'node:path';
import { commandLine, killProcessGroup, processesInGroup, waitUntilGroupGone } from './processes';

export interface BrowserRecord {
  /** The browser process, leader of the process group all its processes are in. */
  pid: number;
  /** The `--user-data-dir` it was launched with; no other browser has this one. */
  profileDir: string;
}

const RECORD_FILE = 'chromium.json';
/** The profile is removed once the killed browser has gone, so no dying process writes into it. */
const GROUP_EXIT_TIMEOUT_MS = 2_000;

function recordPath(dir: string): string {
  return path.join(dir, RECORD_FILE);
}

export function readBrowserRecord(dir: string): BrowserRecord | null {
  try {
    const record = JSON.parse(fs.readFileSync(recordPath(dir), 'utf8')) as Partial<BrowserRecord>;
    return typeof record.pid === 'number' && typeof record.profileDir === 'string' ? { pid: record.pid, profileDir: record.profileDir } : null;
  } catch {
    return null;
  }
}

export function recordBrowser(dir: string, record: BrowserRecord): void {
  fs.writeFileSync(recordPath(dir), `${JSON.stringify(record)}\n`);
}

/** Forgets the browser once it has gone, unless the note already names a newer one. */
export function forgetBrowser(dir: string, pid: number): void {
  if (readBrowserRecord(dir)?.pid === pid) fs.rmSync(recordPath(dir), { force: true });
}

/** Some process of the recorded group still runs with the recorded profile (the leader may have died alone). */
function isStillRunning(record: BrowserRecord): boolean {
  const marker = ` --user-data-dir=${record.profileDir} `;
  return processesInGroup(record.pid).some((pid) => ` ${commandLine(pid) ?? ''} `.includes(marker));
}

/**
 * Kills the browser a previous run left behind, if the note names one that still runs, and
 * removes its profile and the note. Returns what was killed.
 */
export async function killLeftoverBrowser(dir: string): Promise<BrowserRecord | null> {
  const record = readBrowserRecord(dir);
  if (!record) return null;
  const leftover = isStillRunning(record);
  if (leftover) {
    killProcessGroup(record.pid);
    await waitUntilGroupGone(record.pid, GROUP_EXIT_TIMEOUT_MS);
  }
  if (path.dirname(record.profileDir) === path.resolve(dir)) {
    await fs.promises.rm(record.profileDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
  fs.rmSync(recordPath(dir), { force: true });
  return leftover ? record : null;
}
