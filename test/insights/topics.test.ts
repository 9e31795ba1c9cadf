import { describe, expect, it } from 'vitest';
import { groupByTopic } from '../../src/insights/topics.js';

describe('groupByTopic', () => {
  it('puts differently worded questions on one subject together, largest group first, named by the words used', () => {
    const topics = groupByTopic([
      'Когда выплатят компенсацию за паводок?',
      'Какая компенсация пострадавшим от паводка в Абайской области?',
      'Положена ли компенсация за дом после паводков?',
      'Где получить субсидию на удобрения?',
      'Сколько стоит проезд в автобусе?',
      'Какие субсидии на удобрения в этом году?',
    ]);
    expect(topics.map((t) => [t.label, t.count])).toEqual([
      ['компенсация, паводка', 3],
      ['удобрения, субсидии', 2],
      ['автобусе', 1],
    ]);
    expect(topics[1]!.questions).toEqual(['Где получить субсидию на удобрения?', 'Какие субсидии на удобрения в этом году?']);
  });

  it('keeps questions without key terms apart instead of dropping them', () => {
    expect(groupByTopic(['Что?', 'А как?'])).toEqual([{ key: '(без ключевых слов)', label: '(без ключевых слов)', count: 2, questions: ['Что?', 'А как?'] }]);
  });
});
