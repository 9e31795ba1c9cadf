import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * The one home of durable writes (the index, the feedback counters and salt): a reader sees either
 * the old content or the new, never a part, and a crash right after the call loses nothing.
 */

export interface WriteOptions {
  /** File permissions for a new file (e.g. 0o600 for a secret). */
  mode?: number;
}

/**
 * Writes `data` to `file` atomically: write a sibling temp file, fsync it, rename over the target,
 * fsync the directory (the rename itself must survive a crash).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeDurably(temp, data, options);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(path.dirname(file));
}

/** Opens `file`, runs `use` on it and always closes it. */
async function withFile(file: string, flags: string, mode: number | undefined, use: (handle: FileHandle) => Promise<void>): Promise<void> {
  const handle = await open(file, flags, mode);
  try {
    await use(handle);
  } finally {
    await handle.close();
  }
}

/** Writes and fsyncs a file (no atomicity: for files inside a generation nobody reads yet). */
export function writeDurably(file: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  return withFile(file, 'w', options.mode, async (handle) => {
    await handle.writeFile(data);
    await handle.sync();
  });
}

export function syncFile(file: string): Promise<void> {
  return withFile(file, 'r', undefined, (handle) => handle.sync());
}

export function syncDirectory(dir: string): Promise<void> {
  return withFile(dir, 'r', undefined, async (handle) => {
    try {
      await handle.sync();
    } catch {
      // Some filesystems refuse fsync on a directory; the rename is still atomic there.
    }
  });
}
