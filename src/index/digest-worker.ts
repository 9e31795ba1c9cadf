import { parentPort, workerData } from 'node:worker_threads';
import { digestFile } from './generations.js';

/**
 * A worker thread of `digestFiles` (generations.ts): digests the files it is given, in order, and posts
 * each result as it is ready, so that a load reads the index files on the main thread meanwhile.
 */

export interface DigestReply {
  file: string;
  digest?: { bytes: number; xxh3: string };
  error?: string;
}

const port = parentPort;
if (!port) throw new Error('digest-worker: must run as a worker thread');
for (const file of workerData as string[]) {
  try {
    port.postMessage({ file, digest: await digestFile(file) } satisfies DigestReply);
  } catch (err) {
    port.postMessage({ file, error: err instanceof Error ? err.message : String(err) } satisfies DigestReply);
  }
}
