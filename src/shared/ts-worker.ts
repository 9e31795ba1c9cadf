import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread from a module next to the caller. The project runs as TypeScript through tsx
 * (npm start, the CLIs, the benchmarks, vitest), and a worker thread does not inherit a loader: under
 * tsx the worker registers tsx's before importing its module; compiled, the `.js` sibling is started.
 */
export function startModuleWorker(module: URL, workerData: unknown): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
