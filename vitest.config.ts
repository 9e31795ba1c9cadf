import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (hnswlib, onnxruntime) are safer in forked processes than in worker threads.
    pool: 'forks',
  },
});
