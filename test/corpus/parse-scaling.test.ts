import { describe, expect, it } from 'vitest';
import { cpuSeconds, syntheticText, timeParse } from '../../bench/parse.js';
import { parseTextFile } from '../../src/corpus/parse-text.js';

/**
 * Parsing must stay linear: a large upload may not stall ingest or start-up (4× the input, < 6× the time).
 * Times are CPU seconds, so other test files running in parallel do not skew the ratio.
 */
describe('parsing time grows linearly with the input', () => {
  it('a news file 4× larger takes less than 6× as long', async () => {
    const small = timeParse(await syntheticText(256 * 1024));
    const large = timeParse(await syntheticText(1024 * 1024));
    expect(large.megabytes).toBeGreaterThan(3 * small.megabytes);
    expect(large.seconds / small.seconds).toBeLessThan(6);
  });

  it('a run of glued links 4× longer takes less than 6× as long', () => {
    const time = (text: string) => {
      let best = Infinity;
      // Best of five: process CPU also counts the worker's other threads (GC, a previous file's background work).
      for (let i = 0; i < 5; i++) cpuSeconds(() => parseTextFile('links.txt', text), (s) => { best = Math.min(best, s); });
      return best;
    };
    const links = (n: number) => `Ссылки ${'http://a.kz/'.repeat(n)}Конец`;
    time(links(1_000)); // warm-up: the first run pays for compiling the regular expressions
    expect(time(links(64_000)) / time(links(16_000))).toBeLessThan(6);
  });
});
