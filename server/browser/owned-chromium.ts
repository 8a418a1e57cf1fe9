// Launches Chromium so that it never outlives the app: a watchdog kills it if the server is
// killed, a note in the app's browser folder lets the next start kill one the watchdog missed,
// and a browser that will not close in time is killed, all 11 processes at once.
import fs from 'node:fs';
import path from 'node:path';
// Puppeteer is loaded at the first launch, not when the server starts (it is most of a start's work).
import type { Browser, LaunchOptions } from 'puppeteer-core';
import { forgetBrowser, killLeftoverBrowser, recordBrowser } from './browser-record';
import { withDeadline } from './deadline';
import { killProcessGroup, waitUntilGroupGone } from './processes';
import { watchOver } from './watchdog';

/** A polite close that takes longer than this is given up for SIGKILL. */
const CLOSE_TIMEOUT_MS = 5_000;
/** The profile is removed once the browser's group has gone, so no dying process writes into it. */
const GROUP_EXIT_TIMEOUT_MS = 2_000;
/** Every launch has a fresh profile, so its command line names this launch alone. */
const PROFILE_PREFIX = 'profile-';

export interface OwnedChromium {
  browser: Browser;
  pid: number;
  /** SIGKILLs the whole browser now: for one that stopped answering and cannot be asked to close. */
  kill(): void;
  /** Closes the browser, or kills it if it does not close in time; resolves once it has exited. */
  close(): Promise<void>;
}

/** Profiles of earlier runs; only called before this app has launched any browser of its own. */
async function removeOldProfiles(dir: string): Promise<void> {
  const profiles = fs.readdirSync(dir).filter((name) => name.startsWith(PROFILE_PREFIX));
  await Promise.all(profiles.map((name) => removeProfile(path.join(dir, name))));
}

/** Best effort: a profile left on disk costs a few megabytes, never a failed print. */
async function removeProfile(profileDir: string): Promise<void> {
  await fs.promises.rm(profileDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
}

/** Kills and clears away whatever an earlier run of the app left in its browser folder. */
export async function cleanUpBrowserDir(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await killLeftoverBrowser(dir);
  await removeOldProfiles(dir);
}

export async function launchOwnedChromium(launch: LaunchOptions, dir: string): Promise<OwnedChromium> {
  const profileDir = fs.mkdtempSync(path.join(dir, PROFILE_PREFIX));
  let browser: Browser;
  try {
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({ ...launch, userDataDir: profileDir });
  } catch (error) {
    await removeProfile(profileDir);
    throw error;
  }
  const child = browser.process();
  const pid = child?.pid;
  if (!child || pid === undefined) {
    await browser.close();
    throw new Error('Chromium was launched without a process of its own.');
  }
  const watchdog = watchOver(pid);
  recordBrowser(dir, { pid, profileDir });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const clearedAway = exited.then(async () => {
    // The leader may die alone (a crash): the rest of its group must not linger.
    try {
      killProcessGroup(pid);
      await waitUntilGroupGone(pid, GROUP_EXIT_TIMEOUT_MS);
    } finally {
      watchdog.standDown();
      forgetBrowser(dir, pid);
      await removeProfile(profileDir);
    }
  }).catch(() => undefined);

  const kill = () => killProcessGroup(pid);
  return {
    browser,
    pid,
    kill,
    async close() {
      await withDeadline(browser.close(), CLOSE_TIMEOUT_MS, () => new Error('Chromium did not close in time.')).catch(kill);
      // SIGKILL cannot be refused; the bound only guards against a process the kernel cannot reap.
      await withDeadline(clearedAway, CLOSE_TIMEOUT_MS, () => new Error('Chromium did not exit.')).catch(kill);
    },
  };
}
