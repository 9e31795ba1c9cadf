import { describe, expect, it } from 'vitest';
import { probeFreshMemory, secondsPerGiB } from '../../bench/fresh-memory.js';

describe('fresh-memory probe', () => {
  it('scales the probe to seconds per GiB: 256 MiB in 0.875 s is 3.5 s/GiB, 1 GiB in 2 s is 2 s/GiB', () => {
    expect(secondsPerGiB(256 * 2 ** 20, 0.875)).toBeCloseTo(3.5);
    expect(secondsPerGiB(2 ** 30, 2)).toBeCloseTo(2);
  });

  it('refuses an empty probe rather than reporting an infinite rate', () => {
    expect(() => secondsPerGiB(0, 0.1)).toThrow(/positive/);
  });

  it('reports the size it filled and a rate consistent with its time', () => {
    const report = probeFreshMemory(4 * 2 ** 20);
    expect(report.bytes).toBe(4 * 2 ** 20);
    expect(report.secondsPerGiB).toBeCloseTo(report.seconds * 256);
  });
});
