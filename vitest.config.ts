import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// Debian's Chromium, never a downloaded browser (scripts/ensure-chromium.mjs installs it).
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium-launch.mjs';

/** Folders the test server may read: the repo and the shared fixtures beside it (`../shared`). */
const fsAllow = [fileURLToPath(new URL('.', import.meta.url)), fileURLToPath(new URL('../shared', import.meta.url))];


/**
 * Test naming (see README "Tests"):
 * - `*.test.ts` runs in Node; under the folders in BROWSER_SUITES it also runs in Chromium.
 * - `*.node.test.ts` runs only in Node (may use node: APIs, fs, MSW's node server, ...).
 * - `*.browser.test.ts(x)` runs only in Chromium (anywhere under src/ or test/).
 */
const BROWSER_SUITES = [
  'src/adapters/db/**/*.test.ts',
  'src/core/**/*.test.ts',
  'src/engine/receive/**/*.test.ts',
  'test/import-matrix/**/*.test.ts',
  'test/contract/**/*.test.ts',
  'test/receive/**/*.test.ts',
  'test/send/**/*.test.ts',
];

export default defineConfig({
  server: {
    fs: { allow: fsAllow },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'server/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.browser.test.ts', '**/*.browser.test.tsx', 'test/e2e/**'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        optimizeDeps: {
          include: ['dexie', 'fake-indexeddb', 'fast-xml-parser', 'preact', 'preact/hooks', 'preact/jsx-runtime', 'preact/test-utils'],
        },
        test: {
          name: 'chromium',
          include: [...BROWSER_SUITES, 'src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', '**/*.node.test.ts', 'test/e2e/**'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
