// Kills Chromium when the app dies, however it dies: kill -9 gives Node no chance to run
// Puppeteer's exit handlers, and Linux has no Chromium flag for PR_SET_PDEATHSIG, so without this
// a killed server left its Chromium (11 processes, 1.2 GB) running for ever.
//
// Why this shape: a tiny `sh` reads its stdin, a pipe whose only writer is this process. The
// kernel closes that pipe whenever this process ends, kill -9 included, so `read` sees end of
// file at once and the shell SIGKILLs Chromium's whole process group (Puppeteer starts Chromium
// as the leader of its own group, and all 11 processes stay in it). Unlike polling `kill -0
// <pid>`, nothing waits a second and a reused pid cannot fool it; unlike a wrapper script as
// Chromium's executablePath, Puppeteer still launches, watches and kills the real Chromium. The
// shell runs detached, so a Ctrl-C or a signal sent to the server's process group does not take
// the watchdog with it while the server shuts down. A line on the pipe stands it down, for when
// the browser is closed or has died by other means and its group id may be reused.
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

const WATCHDOG_SCRIPT = 'read -r _ || kill -s KILL -- "-$1"';
/** The shell's $0, so `ps` says what the process is for. */
const WATCHDOG_NAME = 'bulwark-chromium-watchdog';

export interface Watchdog {
  pid: number | undefined;
  /** The browser has gone another way: the watchdog exits without killing anything. */
  standDown(): void;
}

export function watchOver(browserGroupId: number): Watchdog {
  const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, WATCHDOG_NAME, String(browserGroupId)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const pipe = child.stdin as Socket;
  // A watchdog that is already gone makes the write fail; that must not stop the app.
  pipe.on('error', () => undefined);
  child.on('error', () => undefined);
  // Neither the watchdog nor its pipe may keep a finished script's event loop alive.
  child.unref();
  pipe.unref();
  let stoodDown = false;
  return {
    pid: child.pid,
    standDown() {
      if (stoodDown) return;
      stoodDown = true;
      pipe.end('stand down\n');
    },
  };
}
