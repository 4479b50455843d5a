import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'happy-dom', include: ['test/unit/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        // Real Chromium against the built dist/ (npm test builds first).
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The receipt server against real SQLite and (when ASMERONEXA_TEST_PG_URL is set) PostgreSQL.
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/test/**/*.test.{ts,mjs}'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The audit in Debian's Chromium against the demo and fixture pages with deliberate leaks.
        test: {
          name: 'audit',
          environment: 'node',
          include: ['audit/test/**/*.test.{ts,mjs}'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
