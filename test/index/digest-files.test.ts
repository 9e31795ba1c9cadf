import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { digestFile, digestFiles, DIGEST_WORKER_BYTES } from '../../src/index/generations.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-digest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A large index's files are digested in a worker thread while the load reads them: the same checksums as in
// this thread, and a file that cannot be read fails on its own.
it('gives the checksums digestFile gives, in a worker thread for large files, and fails a missing file alone', async () => {
  const files = await Promise.all(
    ['a.bin', 'b.bin'].map(async (name, i) => {
      const file = path.join(dir, name);
      await writeFile(file, Buffer.alloc(100_000 + i, i + 1));
      return file;
    }),
  );
  const missing = path.join(dir, 'missing.bin');
  // Claimed sizes above the threshold send them to the worker.
  const digests = digestFiles([...files, missing].map((file) => ({ file, bytes: DIGEST_WORKER_BYTES })));
  await expect(digests.get(missing)).rejects.toThrow(/ENOENT/);
  for (const file of files) expect(await digests.get(file)).toEqual(await digestFile(file));
  expect((await digests.get(files[1]!))?.bytes).toBe(100_001);
});
