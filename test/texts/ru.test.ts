import { describe, expect, it } from 'vitest';
import type { CorpusStats } from '../../src/engine/engine.js';
import { formatDateRu, messages, pluralRu } from '../../src/texts/ru.js';

const stats = (overrides: Partial<CorpusStats> = {}): CorpusStats => ({
  articles: 21, chunks: 300, embedder: 'x', dateFrom: '2025-04-15', dateTo: '2025-12-23',
  sources: [{ source: 'gov.kz', articles: 1 }, { source: 'A & B <news>', articles: 20 }],
  ...overrides,
});

describe('messages', () => {
  it('agrees Russian numerals', () => {
    const forms = ['статья', 'статьи', 'статей'] as const;
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111, 104].map((n) => `${n} ${pluralRu(n, forms)}`)).toEqual([
      '1 статья', '2 статьи', '5 статей', '11 статей', '12 статей', '21 статья', '22 статьи', '25 статей', '111 статей', '104 статьи',
    ]);
  });

  it('formats dates the Russian way', () => {
    expect(formatDateRu('2025-04-15')).toBe('15.04.2025');
    expect(formatDateRu(null)).toBe('без даты');
  });

  it('/start and /sources state size, outlets (escaped) and period', () => {
    const welcome = messages.welcome(stats());
    expect(welcome).toContain('21 статья за период с 15.04.2025 по 23.12.2025');
    expect(welcome).toContain('gov.kz, A &amp; B &lt;news&gt;');
    expect(messages.sources(stats())).toContain('• A &amp; B &lt;news&gt; — 20 статей');
  });

  it('copes with an empty or undated corpus', () => {
    const empty = stats({ articles: 0, sources: [], dateFrom: null, dateTo: null });
    expect(messages.welcome(empty)).toContain('В моей базе 0 статей.');
    expect(messages.sources(empty)).toContain('пока пусто');
  });

  it('tells the rate limit in numbers and shows the admin refusal share', () => {
    expect(messages.rateLimited(10)).toContain('не больше 10 в минуту');
    expect(messages.adminStats({ date: '2025-12-24', questions: 3, refused: 1, up: 2, down: 0 })).toContain('Без ответа: 1 (33%)');
    expect(messages.adminStats({ date: '2025-12-24', questions: 0, refused: 0, up: 0, down: 0 })).toContain('(0%)');
  });

  it('escapes the user-controlled parts of help and region texts', () => {
    expect(messages.help('bot_<x>')).toContain('@bot_&lt;x&gt;');
    expect(messages.regionNote('<Абай>')).toContain('&lt;Абай&gt;');
  });
});
