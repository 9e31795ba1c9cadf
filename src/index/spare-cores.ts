import { readFileSync } from 'node:fs';
import os from 'node:os';

/** CPU time of the whole machine: idle and total, in any one unit (/proc/stat's clock ticks). */
export interface CpuTimes {
  idle: number;
  total: number;
}

/** The machine's CPU times from /proc/stat's first line (Linux); undefined where there is none. */
export function procCpuTimes(): CpuTimes | undefined {
  try {
    const line = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is counted in user already)
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
    return total > 0 ? { idle, total } : undefined;
  } catch {
    return undefined;
  }
}

/** How long a reading stands: long enough for /proc/stat's 10 ms ticks to add up, short against the others' bursts. */
const WINDOW_MS = 300;

/**
 * Whether the machine has a core to spare for a helper thread: the idle CPU of the last WINDOW_MS (in cores),
 * plus what the helper itself used of the machine then (it would be free without it), against `needed`. On a
 * two-core box whose other core runs someone else's work, a helper thread only takes the searching thread's
 * time slices (autogroup scheduling shares one core between the two), and BM25 waits: measured slower than
 * one thread (bench/README.md, "Two cores at 1M"). Where the times cannot be read, it says yes.
 */
export class SpareCores {
  private last: (CpuTimes & { at: number; used: number }) | undefined;
  private spare = true;
  /** Milliseconds the helper has worked (its scans), added up by the caller. */
  used = 0;

  constructor(
    private readonly needed: number,
    private readonly times: () => CpuTimes | undefined = procCpuTimes,
    private readonly cores = os.availableParallelism(),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether a core is spare now (a reading at most WINDOW_MS old). */
  get enough(): boolean {
    const at = this.now();
    if (this.last && at - this.last.at < WINDOW_MS) return this.spare;
    const times = this.times();
    if (!times) return true;
    if (this.last && times.total > this.last.total) {
      const idleCores = ((times.idle - this.last.idle) / (times.total - this.last.total)) * this.cores;
      const helperCores = (this.used - this.last.used) / (at - this.last.at);
      this.spare = idleCores + helperCores >= this.needed;
    }
    this.last = { ...times, at, used: this.used };
    return this.spare;
  }
}
