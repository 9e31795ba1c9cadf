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
    const day = { questions: 3, answered: 2, refused: 1, p50Ms: 800, p95Ms: 2100, up: 2, down: 0 };
    const none = { questions: 0, answered: 0, refused: 0, p50Ms: null, p95Ms: null, up: 0, down: 0 };
    const text = messages.adminStats({ day, week: day, topics: [{ label: 'паводки, <компенсация>', count: 4 }] });
    expect(text).toContain('За сутки: 3 вопроса; с ответом 2 (67%), без ответа 1 (33%); время ответа: медиана 0,8 с, 95% — до 2,1 с');
    expect(text).toContain('1. паводки, &lt;компенсация&gt; — 4 вопроса');
    expect(messages.adminStats({ day: none, week: none, topics: [] })).toContain('За неделю: вопросов не было');
  });

  it('escapes the user-controlled parts of help and region texts', () => {
    expect(messages.help('bot_<x>')).toContain('@bot_&lt;x&gt;');
    expect(messages.regionNote('<Абай>')).toContain('&lt;Абай&gt;');
  });
});
