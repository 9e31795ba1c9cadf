import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

/**
 * How fast this machine hands out fresh memory right now: the wall time to allocate a new buffer and
 * write every page of it once. On the benchmark's VM this first touch varies several-fold between runs
 * (the host's memory balloon; a second fill of the same pages is ~70× faster), and a 1M start-up fills
 * ~3 GiB of new pages, so a start-up time means little without this figure beside it.
 * Run as its own process (bench/scale.ts does, before each serve phase) so the buffer counts in no
 * other phase's RSS and is handed back at exit.
 */

export interface FreshMemoryReport {
  bytes: number;
  seconds: number;
  /** Seconds it would take to fill 1 GiB of fresh memory at this rate. */
  secondsPerGiB: number;
}

/** 256 MiB: well under a second on an ordinary machine, ~0.9 s at this VM's slowest (3.5 s per GiB). */
export const FRESH_MEMORY_PROBE_BYTES = 256 * 2 ** 20;

/** Seconds per GiB for `bytes` filled in `seconds`. */
export function secondsPerGiB(bytes: number, seconds: number): number {
  if (!(bytes > 0)) throw new Error(`fresh-memory: bytes must be positive, got ${bytes}`);
  return (seconds * 2 ** 30) / bytes;
}

/** Allocates `bytes` without zeroing (no page touched yet) and fills them: every page is faulted in once. */
export function probeFreshMemory(bytes = FRESH_MEMORY_PROBE_BYTES): FreshMemoryReport {
  const started = performance.now();
  const buffer = Buffer.allocUnsafeSlow(bytes);
  buffer.fill(1);
  const seconds = (performance.now() - started) / 1000;
  return { bytes: buffer.length, seconds, secondsPerGiB: secondsPerGiB(buffer.length, seconds) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const report = JSON.stringify(probeFreshMemory(), null, 2) + '\n';
  if (values.out) await writeFile(values.out, report);
  else process.stdout.write(report);
}
