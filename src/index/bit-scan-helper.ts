import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../shared/ts-worker.js';
import type { ScanAreas } from './bit-codes.js';
import type { WasmMemory } from './hamming-kernel.js';

/** The control words the two threads share (an Int32Array over a SharedArrayBuffer). */
export enum Slot {
  /** The worker's kernel is ready: 1. */
  ready,
  /** The number of the scan last asked for (rising); -1: stop. */
  asked,
  /** The number of the scan last finished. */
  done,
  /** What the last scan found: how many rows it left at `dst`. */
  found,
  // The scan's arguments (`scanNearest`).
  query,
  hist,
  out,
  dst,
  list,
  picked,
  rows,
  count,
  listed,
  /** How many slots there are. */
  slots,
}

/**
 * How long a scan may take in the worker before it is taken for dead: a million rows take ≈ 5 ms, so only a
 * stopped thread takes this long (a busy machine delays it by time slices).
 */
const DEAD_AFTER_MS = 2000;

let warned = false;
/** Said once per process: the searches go on in one thread, with the same results, only slower. */
function warnOnce(reason: string): void {
  if (warned) return;
  warned = true;
  process.emitWarning(`bit scan helper: ${reason}; the sign-bit scan runs in the searching thread from now on`);
}

/**
 * A second thread for the sign-bit scan (`BitCodes.nearestSoon`, ≈ 5–8 ms per million rows): it scans while
 * the searching thread runs BM25 on the machine's other core. Narrow on purpose: `begin` hands it one scan over
 * the shared memory (areas of its own), `finish` waits for it; whenever it cannot (not started yet, busy,
 * dead, closed, or overtaken by a later scan), `free` or `finish` says so and the caller scans itself, so the
 * results are the same either way. The worker never holds the process open; `close` stops it.
 */
export class BitScanHelper {
  private readonly control = new Int32Array(new SharedArrayBuffer(Slot.slots * 4));
  private readonly worker: Worker | undefined;
  private asked = 0;
  private dead = false;

  constructor(memory: WasmMemory, words: number) {
    try {
      const ts = import.meta.url.endsWith('.ts');
      this.worker = startModuleWorker(new URL(ts ? './bit-scan-worker.ts' : './bit-scan-worker.js', import.meta.url), { memory, words, control: this.control.buffer });
      this.worker.unref();
      this.worker.on('error', (err: Error) => this.fail(`the worker failed (${err.message})`));
      this.worker.on('exit', () => this.fail('the worker exited'));
    } catch (err) {
      this.fail(`no worker (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  /** Whether the worker is running (started and not closed or dead). */
  get ready(): boolean {
    return !this.dead && Atomics.load(this.control, Slot.ready) === 1;
  }

  /** Whether `begin` may hand it a scan now: ready, and done with the last one. */
  get free(): boolean {
    return this.ready && Atomics.load(this.control, Slot.done) === this.asked;
  }

  /** Asks the worker for `scanNearest(a, rows, count, listed)` (call only when `free`); returns the scan's ticket for `finish`. */
  begin(a: ScanAreas, rows: number, count: number, listed: number): number {
    const c = this.control;
    [a.query, a.hist, a.out, a.dst, a.list, a.picked, rows, count, listed].forEach((value, i) => Atomics.store(c, Slot.query + i, value));
    this.asked += 1;
    Atomics.store(c, Slot.asked, this.asked);
    Atomics.notify(c, Slot.asked);
    return this.asked;
  }

  /**
   * Waits for scan `ticket` and returns how many rows it found; undefined if a later scan has overwritten its
   * areas, or the worker is dead or did not finish within DEAD_AFTER_MS (it is then closed).
   */
  finish(ticket: number): number | undefined {
    if (ticket !== this.asked || this.dead) return undefined;
    return this.wait() ? Atomics.load(this.control, Slot.found) : undefined;
  }

  /** Waits until the worker is done with the scan in flight, if any (its areas are about to move). */
  idle(): void {
    if (!this.dead) this.wait();
  }

  /** Stops the worker (idempotent); later scans run in the caller's thread. */
  close(): void {
    if (this.dead) return;
    this.dead = true;
    Atomics.store(this.control, Slot.asked, -1);
    Atomics.notify(this.control, Slot.asked);
    void this.worker?.terminate();
  }

  /** Whether the worker finished the last scan asked for (false: taken for dead, and closed). */
  private wait(): boolean {
    const c = this.control;
    const until = performance.now() + DEAD_AFTER_MS;
    for (;;) {
      const done = Atomics.load(c, Slot.done);
      if (done === this.asked) return true;
      const left = until - performance.now();
      if (left <= 0) break;
      Atomics.wait(c, Slot.done, done, left);
    }
    this.fail(`no answer from the worker in ${DEAD_AFTER_MS} ms`);
    return false;
  }

  private fail(reason: string): void {
    if (this.dead) return;
    warnOnce(reason);
    this.close();
  }
}
