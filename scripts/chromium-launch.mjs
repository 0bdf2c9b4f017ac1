/**
 * How every browser test and benchmark launches Chromium: Debian's binary (never a downloaded
 * browser; `CHROMIUM_PATH` overrides) with the flags this machine's closed network needs.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
