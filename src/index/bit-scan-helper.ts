import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../shared/ts-worker.js';
import type { ScanAreas } from './bit-codes.js';
import type { WasmMemory } from './hamming-kernel.js';
import { SpareCores } from './spare-cores.js';

/** The control words the two threads share (an Int32Array over a SharedArrayBuffer). */
export enum Slot {
  /** The worker's kernel is ready: 1. */
  ready,
  /** The number of the scan last asked for (rising); -1: stop. */
  asked,
  /** The number of the scan last finished. */
  done,
  /** Where the scan last asked for is: ASKED, TAKEN by the worker, or CANCELLED by the caller before that. */
  state,
  /** What the last scan found: how many rows it left at `dst`. */
  found,
  /** How long the worker's last scan took, in microseconds. */
  micros,
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

/** `Slot.state`'s values: a scan is taken by the worker or cancelled by the caller, whichever comes first. */
export const ASKED = 1;
export const TAKEN = 2;
export const CANCELLED = 3;

/**
 * How long a scan may take in the worker before it is taken for dead: a million rows take ≈ 5 ms, so only a
 * stopped thread takes this long (a busy machine delays it by time slices).
 */
const DEAD_AFTER_MS = 2000;

/** Scans handed to a worker, of them cancelled before it took them, and kept in the caller's thread by `worthIt` (process-wide; benchmarks print them). */
export const helperCounts = { handed: 0, cancelled: 0, kept: 0 };

/**
 * Idle cores the machine must have had (counting the helper's own use) for a scan to be handed over: the
 * worker needs most of a core while it scans, or the searching thread pays for it. At 0.6 a run at load ≈ 5.5
 * handed over 177 of 601 scans and its p95 rose 38 → 47 ms (bench/README.md, "Two cores at 1M"): nearly a whole
 * idle core is asked for.
 */
const SPARE_CORES = 0.85;

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
 * results are the same either way. A scan the worker has not taken when `finish` is called (no core was free
 * for it while BM25 ran) is cancelled and done by the caller at once: waiting for a worker that gets no core
 * would cost more than the scan. The worker never holds the process open; `close` stops it.
 */
export class BitScanHelper {
  private readonly control = new Int32Array(new SharedArrayBuffer(Slot.slots * 4));
  private readonly worker: Worker | undefined;
  private asked = 0;
  private dead = false;
  /** Whether the machine has a core for the worker (`worthIt`). */
  private readonly spare: SpareCores;

  constructor(memory: WasmMemory, words: number, spare = new SpareCores(SPARE_CORES)) {
    this.spare = spare;
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

  /** Whether the next scan (the helper being `free`) is worth handing over: the machine has a core to spare (`SpareCores`). */
  worthIt(): boolean {
    const worth = this.spare.enough;
    if (!worth) helperCounts.kept += 1;
    return worth;
  }

  /** Asks the worker for `scanNearest(a, rows, count, listed)` (call only when `free`); returns the scan's ticket for `finish`. */
  begin(a: ScanAreas, rows: number, count: number, listed: number): number {
    const c = this.control;
    [a.query, a.hist, a.out, a.dst, a.list, a.picked, rows, count, listed].forEach((value, i) => Atomics.store(c, Slot.query + i, value));
    this.asked += 1;
    helperCounts.handed += 1;
    Atomics.store(c, Slot.state, ASKED);
    Atomics.store(c, Slot.asked, this.asked);
    Atomics.notify(c, Slot.asked);
    return this.asked;
  }

  /**
   * Waits for scan `ticket` and returns how many rows it found; undefined if the worker had not taken it yet
   * (it is cancelled), a later scan has overwritten its areas, or the worker is dead or did not finish within
   * DEAD_AFTER_MS (it is then closed).
   */
  finish(ticket: number): number | undefined {
    if (ticket !== this.asked || this.dead || this.cancel()) return undefined;
    if (!this.wait()) return undefined;
    const c = this.control;
    this.spare.used += Atomics.load(c, Slot.micros) / 1000;
    return Atomics.load(c, Slot.found);
  }

  /** Cancels the scan in flight if the worker has not taken it, or waits until the worker is done with it (its areas are about to move). */
  idle(): void {
    if (!this.dead && !this.cancel()) this.wait();
  }

  /** Whether the last scan asked for is cancelled (now, or before): the worker never touches its areas. */
  private cancel(): boolean {
    const was = Atomics.compareExchange(this.control, Slot.state, ASKED, CANCELLED);
    if (was === ASKED) helperCounts.cancelled += 1;
    return was === ASKED || was === CANCELLED;
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
