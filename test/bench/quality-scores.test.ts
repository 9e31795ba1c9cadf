import { describe, expect, it } from 'vitest';
import { groupScores, scoreGroup, type QuestionResult } from '../../bench/quality.js';

const result = (rank: number | undefined, extra: Partial<QuestionResult> = {}): QuestionResult => ({
  id: 'q',
  kind: 'fact',
  qtype: 'сколько',
  rank,
  answered: true,
  fact: false,
  ...extra,
});

describe('scoreGroup', () => {
  it('computes hit@1, hit@5 and MRR over answerable questions only', () => {
    const scores = scoreGroup([result(1, { fact: true }), result(3), result(7), result(undefined), result(undefined, { kind: 'offcorpus', answered: false })]);
    expect(scores.n).toBe(4);
    expect(scores.hit1).toBe(0.25);
    expect(scores.hit5).toBe(0.5);
    expect(scores.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 7) / 4);
    expect(scores.fact).toBe(0.25);
    expect(scores.refusedOffCorpus).toBe(1);
  });

  it('has no refusal rate for a group without off-corpus questions', () => {
    expect(scoreGroup([result(1)]).refusedOffCorpus).toBeNull();
  });
});

describe('groupScores', () => {
  it('adds one group per kind and per question type beside "all"', () => {
    const groups = groupScores([result(1), result(2, { kind: 'kazakh', qtype: 'где' })]);
    expect(Object.keys(groups)).toEqual(['all', 'kind:fact', 'kind:kazakh', 'type:сколько', 'type:где']);
    expect(groups['type:где']!.hit1).toBe(0);
  });
});
