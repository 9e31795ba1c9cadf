import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.js';
import { answerJson, renderAnswerText } from '../../src/answer/render-text.js';

const answer = (overrides: Partial<Answer> = {}): Answer => ({
  id: 'a1', question: 'скока врачей в Астане?', standalone: 'сколько врачей в Астане?', corrections: [], relaxedRegions: [], truncated: false,
  answered: true, answer: 'Не хватает 400 врачей. [1]', mode: 'extractive', passages: [], suggestions: [], filters: {},
  citations: [{ n: 1, title: 'Врачи', date: '2025-12-23', url: 'https://example.kz/1', source: 'gov.kz', quote: 'q', chunkId: 'c1', articleId: 'a1' }],
  ...overrides,
});

describe('renderAnswerText (ask for a person)', () => {
  it('starts with the corrected reading and the dropped region, one line each, then the answer', () => {
    const text = renderAnswerText(answer({ corrections: [{ from: 'скока', to: 'сколько' }], relaxedRegions: ['Астана', 'Шымкент'] }));
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Искал: сколько врачей в Астане?',
      'По регионам «Астана», «Шымкент» ничего не нашлось — ответ из других материалов.',
      '',
      'Не хватает 400 врачей. [1]',
    ]);
  });

  it('has no such lines when the question was searched as asked', () => {
    expect(renderAnswerText(answer()).startsWith('Не хватает 400 врачей. [1]\n\nИсточники:\n[1] Врачи')).toBe(true);
  });

  it('puts the standalone question, corrections and dropped regions in the JSON line', () => {
    expect(answerJson(answer({ relaxedRegions: ['Астана'] }))).toMatchObject({
      question: 'скока врачей в Астане?',
      standalone: 'сколько врачей в Астане?',
      corrections: [],
      relaxedRegions: ['Астана'],
    });
  });
});
