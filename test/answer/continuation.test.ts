import { describe, expect, it } from 'vitest';
import { continuesList, withContinuations } from '../../src/answer/continuation.js';
import type { Candidate } from '../../src/answer/evidence.js';
import { rankedPassage } from '../helpers/chunks.js';

const passage = rankedPassage(1, 'x');
const candidate = (text: string, order: number): Candidate => ({
  text,
  isTitle: false,
  passage,
  coverage: 0.5,
  ownCoverage: 0.5,
  matched: 2,
  terms: new Set(),
  namesRegion: false,
  near: new Set(),
  score: 1,
  order,
});

describe('a list announced and given in the next sentence', () => {
  it('tells a sentence that lists what the one before announced', () => {
    expect(continuesList('В их числе – недоступность кредитов.')).toBe(true);
    expect(continuesList('Среди них – три школы.')).toBe(true);
    expect(continuesList('Их число выросло.')).toBe(false);
  });

  it('puts the list right after its announcement, and never drops the announcement of a full answer for it', () => {
    const announce = candidate('Выдвинуты предложения по решению проблем жителей сел.', 0);
    const list = candidate('В их числе – недоступность кредитов.', 1);
    const other = candidate('Обсудили развитие спорта.', 5);
    const chosen = [announce, other];
    withContinuations(chosen, [announce, list, other], 4);
    expect(chosen.map((c) => c.order)).toEqual([0, 1, 5]);
    const full = [other, announce];
    withContinuations(full, [announce, list, other], 2);
    expect(full.map((c) => c.order)).toEqual([5, 0]);
  });
});
