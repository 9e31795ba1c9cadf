import { cp, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { createEngine } from '../../src/engine/create-engine.js';

export const SEED_DATA = path.resolve(import.meta.dirname, '../../data');

/** A copy of the seed corpus in a temp dir, so tests never write an index into the repo. */
export async function seedDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-data-'));
  for (const f of await readdir(SEED_DATA)) {
    if (/\.(txt|md|jsonl)$/.test(f) || f === 'outlets.json') await cp(path.join(SEED_DATA, f), path.join(dir, f));
  }
  return dir;
}

/** The real engine over the seed corpus with the built-in embedder (no network, no model files). */
export async function seedEngine(env: Record<string, string> = {}) {
  const dataDir = await seedDataDir();
  const config = loadConfig({ DATA_DIR: dataDir, EMBEDDINGS: 'builtin', LOG_LEVEL: 'silent', ...env });
  const engine = await createEngine(config, pino({ level: 'silent' }));
  return { engine, config, dataDir };
}

let shared: ReturnType<typeof seedEngine> | undefined;

/**
 * One engine over the seed corpus per test worker, for files that only ask it questions: each file
 * building its own cost about a second of CPU. A file that changes the index uses seedEngine().
 */
export function sharedSeedEngine(): ReturnType<typeof seedEngine> {
  shared ??= seedEngine();
  return shared;
}
