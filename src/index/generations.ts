import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory, writeFileAtomic } from '../shared/atomic-write.js';
import type { ContentDigest } from './manifest.js';

/**
 * An index directory holds generations `gen-<UTC timestamp>-<random>/` and a file CURRENT naming
 * the live one. A build writes a fresh generation, then swaps CURRENT atomically: a reader
 * following CURRENT never meets a half-written index.
 */
export const CURRENT_FILE = 'CURRENT';
const GENERATION = /^gen-\d{8}T\d{9}Z-[0-9a-f]{8}$/;

/** Name of the live generation, or null when the directory has no CURRENT (no index yet). */
export async function readCurrent(indexDir: string): Promise<string | null> {
  let name: string;
  try {
    name = (await readFile(path.join(indexDir, CURRENT_FILE), 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (!GENERATION.test(name)) throw new Error(`${path.join(indexDir, CURRENT_FILE)} holds ${JSON.stringify(name.slice(0, 80))}, not a generation name`);
  return name;
}

/** Creates an empty generation directory; names sort by creation time. */
export async function createGeneration(indexDir: string, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const dir = path.join(indexDir, `gen-${stamp}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Points CURRENT at `generationDir`, then deletes the generations created before it. */
export async function publishGeneration(indexDir: string, generationDir: string): Promise<void> {
  const name = path.basename(generationDir);
  await syncDirectory(generationDir);
  await writeFileAtomic(path.join(indexDir, CURRENT_FILE), `${name}\n`);
  // Only older ones: a newer generation may belong to a build still running.
  const older = (await readdir(indexDir)).filter((n) => GENERATION.test(n) && n < name);
  await Promise.all(older.map((n) => rm(path.join(indexDir, n), { recursive: true, force: true })));
}

export async function digestFile(file: string): Promise<ContentDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { bytes, sha256: hash.digest('hex') };
}
