/**
 * Processes the tests start (the bot with live news, `npm run ingest`, replicas and lease holders) run
 * from one esbuild bundle of the entry points, built once per test run by vitest's globalSetup: under
 * tsx each process spent about a second of CPU transpiling and resolving modules (2.3–2.8 s → 1.5–1.8 s
 * for `npm run ask`). The bundle holds the project's own code, the same source; packages stay imports.
 * `npm start` and `npm run ingest` themselves (tsx) are still run by test/e2e/main.test.ts and
 * test/cli/cli.test.ts. Paths the code derives from import.meta hold for code two folders below the
 * root; two do not (prompts/ for an LLM, encode-worker.js for ingest's worker threads above 2,000 new
 * chunks), so a test that needs those starts its process with tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

const ROOT = path.resolve(import.meta.dirname, '../..');

const ENTRY_POINTS = {
  main: 'src/main.ts',
  ingest: 'src/cli/ingest.ts',
  'news-replica': 'test/helpers/news-replica.ts',
  'live-writer': 'test/helpers/live-writer.ts',
  'lease-holder': 'test/helpers/lease-holder.ts',
} as const;

export type EntryPoint = keyof typeof ENTRY_POINTS;

declare module 'vitest' {
  export interface ProvidedContext {
    entryPointsDir: string;
  }
}

/** vitest globalSetup: bundles the entry points; the returned function removes the bundle. */
export default async function setup(project: TestProject): Promise<() => void> {
  // Two levels below the root, like src/<folder>/: paths the code takes from import.meta.dirname
  // ("../../data/lexicon") reach the same files; node_modules/ next to it resolves the packages.
  const dir = mkdtempSync(path.join(ROOT, 'node_modules', '.zhauap-entry-points-'));
  const bundle = () => build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(ENTRY_POINTS).map(([out, file]) => ({ in: file, out })),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: dir,
    logLevel: 'warning',
  });
  await bundle();
  // Watch mode: a rerun starts processes from the code as it is now.
  project.vitest.onTestsRerun(async () => void (await bundle()));
  project.provide('entryPointsDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** The file to run with node for an entry point (call inside a test file). */
export function entryPoint(name: EntryPoint): string {
  return path.join(inject('entryPointsDir'), `${name}.js`);
}
