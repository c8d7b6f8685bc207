import { defineConfig } from 'vitest/config';

/** Browser tests: the real server, the built web app, Debian's Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
