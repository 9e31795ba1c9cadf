import { describe, expect, it } from 'vitest';
import { procCpuTimes, SpareCores, type CpuTimes } from '../../src/index/spare-cores.js';

/** A machine of two cores whose CPU times and clock the test moves (ticks of 1 ms, as 2 ticks a ms of wall). */
function machine() {
  const state = { at: 0, times: { idle: 0, total: 0 } as CpuTimes };
  const pass = (ms: number, idleCores: number) => {
    state.at += ms;
    state.times = { idle: state.times.idle + ms * idleCores, total: state.times.total + ms * 2 };
  };
  return { state, pass, spare: new SpareCores(0.6, () => state.times, 2, () => state.at) };
}

describe('spare cores for a helper thread', () => {
  it('says yes while a core idles, no while both are busy, and counts the helper`s own use as spare', () => {
    const { pass, spare } = machine();
    pass(1, 1);
    expect(spare.enough).toBe(true);
    // The searching thread on one core, the other idle.
    pass(400, 1);
    expect(spare.enough).toBe(true);
    // Someone else's work on the other core: nothing idles.
    pass(400, 0);
    expect(spare.enough).toBe(false);
    // A reading stands for a while: no new verdict 100 ms later.
    pass(100, 1);
    expect(spare.enough).toBe(false);
    // The helper itself kept the other core busy 70% of the time: that core is the helper's to use.
    spare.used += 0.7 * 400;
    pass(300, 0.05);
    expect(spare.enough).toBe(true);
  });

  it('reads this machine`s CPU times where /proc/stat exists, and says yes without them', () => {
    const times = procCpuTimes();
    if (times) expect(times.total).toBeGreaterThan(times.idle);
    expect(new SpareCores(0.6, () => undefined).enough).toBe(true);
  });
});
