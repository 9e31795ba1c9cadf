import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { xxh3 } from '@node-rs/xxhash';
import path from 'node:path';
import { syncDirectory, writeFileAtomic } from '../shared/atomic-write.js';
import { startModuleWorker } from '../shared/ts-worker.js';
import type { DigestReply } from './digest-worker.js';
import type { ContentDigest } from './manifest.js';

/**
 * An index directory holds generations `gen-<UTC timestamp>-<random>/` and a file CURRENT naming
 * the live one. A build writes a fresh generation, then swaps CURRENT atomically: a reader
 * following CURRENT never meets a half-written index.
 */
export const CURRENT_FILE = 'CURRENT';
const GENERATION = /^gen-\d{8}T\d{9}Z-[0-9a-f]{8}$/;

/**
 * Name of the live generation, or null when the directory has no CURRENT (no index yet). Anything else
 * there (a folder, a socket, garbage) throws: the caller treats it as a corrupt index and rebuilds.
 */
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
  const current = path.join(indexDir, CURRENT_FILE);
  // rename() cannot replace a directory with a file: a CURRENT that is not a file goes first.
  if (!((await stat(current).catch(() => null))?.isFile() ?? true)) await rm(current, { recursive: true, force: true });
  await writeFileAtomic(current, `${name}\n`);
  // Only older ones: a newer generation may belong to a build still running.
  const older = (await readdir(indexDir)).filter((n) => GENERATION.test(n) && n < name);
  await Promise.all(older.map((n) => rm(path.join(indexDir, n), { recursive: true, force: true })));
}

const READ_CHUNK = 8 << 20;

/**
 * Size and xxh3-64 of a file, streamed through one reused buffer: about 1-3 GB/s from the page cache
 * on a small VM, against 0.9 GB/s for sha256, so every index file can be checked on every load.
 */
export async function digestFile(file: string): Promise<ContentDigest> {
  const hash = xxh3.Xxh3.withSeed();
  const handle = await open(file, 'r');
  const buffer = Buffer.allocUnsafe(READ_CHUNK);
  let bytes = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(bytesRead === READ_CHUNK ? buffer : buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { bytes, xxh3: hash.digest().toString(16).padStart(16, '0') };
}

/**
 * Files from this many bytes in all are digested in a worker thread: at 1M chunks an index is ≈ 4.4 GB,
 * ≈ 4 s of xxh3 and reads, which a load then spends decoding the other files on the main thread (the
 * 2-core target has the second core idle at that point). Below it a worker costs more to start than it saves.
 */
export const DIGEST_WORKER_BYTES = 256 << 20;

/**
 * `digestFile` of each file, concurrently; in a worker thread (in the given order) when they are large
 * (`DIGEST_WORKER_BYTES`). Each promise settles on its own, so a caller can wait for one file before another.
 */
export function digestFiles(files: ReadonlyArray<{ file: string; bytes: number }>): Map<string, Promise<ContentDigest>> {
  if (files.reduce((sum, f) => sum + f.bytes, 0) < DIGEST_WORKER_BYTES) return new Map(files.map(({ file }) => [file, digestFile(file)]));
  const pending = new Map<string, { resolve: (d: ContentDigest) => void; reject: (e: Error) => void }>();
  const results = new Map(
    files.map(({ file }) => [file, new Promise<ContentDigest>((resolve, reject) => void pending.set(file, { resolve, reject }))]),
  );
  const ts = import.meta.url.endsWith('.ts');
  const worker = startModuleWorker(new URL(ts ? './digest-worker.ts' : './digest-worker.js', import.meta.url), files.map((f) => f.file));
  const failAll = (err: Error) => {
    for (const entry of pending.values()) entry.reject(err);
    pending.clear();
  };
  worker.on('message', (reply: DigestReply) => {
    const entry = pending.get(reply.file);
    pending.delete(reply.file);
    if (reply.digest) entry?.resolve(reply.digest);
    else entry?.reject(new Error(reply.error ?? 'digest failed'));
    if (pending.size === 0) void worker.terminate();
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`index: digest worker exited with ${code} before it was done`)));
  return results;
}
