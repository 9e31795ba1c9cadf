import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests reach 127.0.0.1 only; a connection elsewhere fails the test.
    setupFiles: ['test/helpers/loopback-guard.ts'],
    // The processes tests start run from one bundle of their entry points, not through tsx.
    globalSetup: ['test/helpers/entry-points.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (hnswlib, onnxruntime) are safer in forked processes than in worker threads.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core box. Many files wait on
    // child processes, servers and timers, so three workers keep both cores busy.
    maxWorkers: 3,
    // Files share a worker's module cache: each file re-importing the engine, grammY and the model runtime
    // cost more than half of the suite's time. Tests keep their state in their own temp dirs and servers.
    isolate: false,
  },
});
