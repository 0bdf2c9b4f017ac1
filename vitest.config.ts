import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'server/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', 'test/e2e/**'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
