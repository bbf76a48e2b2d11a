import type { LaunchOptions } from 'playwright-core';

/** Where the browser tests find Chromium (Debian's package; CI installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How the browser tests launch it: headless, no sandbox (containers), nothing that calls home. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
