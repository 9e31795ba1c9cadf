import { workerData } from 'node:worker_threads';
import { scanNearest } from './bit-codes.js';
import { ASKED, Slot, TAKEN } from './bit-scan-helper.js';
import { kernelOver, type WasmMemory } from './hamming-kernel.js';

/**
 * The thread of `BitScanHelper`: scans the rows of a `BitCodes` in their shared WebAssembly memory with its
 * own instance of the kernel, into the areas it is handed, and says when it is done. It waits on the control
 * words (`Atomics.wait`), not on messages: a scan starts within microseconds of being asked, where a message
 * costs a turn of each thread's event loop.
 */
const { memory, words, control } = workerData as { memory: WasmMemory; words: number; control: SharedArrayBuffer };
const kernel = kernelOver(memory, words);
const c = new Int32Array(control);
Atomics.store(c, Slot.ready, 1);
let seen = 0;
for (;;) {
  Atomics.wait(c, Slot.asked, seen);
  const asked = Atomics.load(c, Slot.asked);
  if (asked === seen) continue;
  if (asked < 0) break;
  seen = asked;
  // Taken unless the caller cancelled it meanwhile (it then scans itself): either way this scan is done.
  if (Atomics.compareExchange(c, Slot.state, ASKED, TAKEN) === ASKED) {
    const at = (slot: Slot) => Atomics.load(c, slot);
    const areas = { query: at(Slot.query), hist: at(Slot.hist), out: at(Slot.out), dst: at(Slot.dst), list: at(Slot.list), picked: at(Slot.picked), end: 0 };
    const t0 = performance.now();
    Atomics.store(c, Slot.found, scanNearest(kernel, areas, words, at(Slot.rows), at(Slot.count), at(Slot.listed)));
    Atomics.store(c, Slot.micros, Math.round((performance.now() - t0) * 1000));
  }
  Atomics.store(c, Slot.done, asked);
  Atomics.notify(c, Slot.done);
}
