import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
    // Password hashing (argon2id) and PostgreSQL round trips make some tests slower than the default allows.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
