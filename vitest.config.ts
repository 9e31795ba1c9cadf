import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests reach 127.0.0.1 only; a connection elsewhere fails the test.
    setupFiles: ['test/helpers/loopback-guard.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (hnswlib, onnxruntime) are safer in forked processes than in worker threads.
    pool: 'forks',
  },
});
