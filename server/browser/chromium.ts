import type { LaunchOptions } from 'puppeteer-core';

/** Debian's Chromium, started as these machines require: as root, on a closed network. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // Bounds every single call to Chromium. Puppeteer's default, 180 s, let a Chromium that stopped
  // answering hold a request for 200 s; no one call should outlast a whole render (20 s).
  protocolTimeout: 20_000,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
