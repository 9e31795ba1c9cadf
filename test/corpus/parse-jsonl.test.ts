import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../src/corpus/parse-jsonl.js';

const line = (record: unknown) => JSON.stringify(record);

describe('parseJsonl', () => {
  it('reads one article per line with optional fields and both date formats', () => {
    const content = [
      line({ title: 'Паводки в Атырау', date: '15.04.2025', url: 'https://gov.kz/news/1', text: 'Уровень воды растёт.', source: 'gov.kz' }),
      '',
      line({ text: 'В Астане открыли парк.\n\nПарк большой.', date: '2025-05-01' }),
      line({ text: 'Без даты.', date: null, url: null }),
    ].join('\n');
    const { articles, warnings } = parseJsonl('feed.jsonl', content);
    expect(warnings).toEqual([]);
    expect(articles.map((a) => [a.title, a.date, a.url, a.source, a.regions])).toEqual([
      ['Паводки в Атырау', '2025-04-15', 'https://gov.kz/news/1', 'gov.kz', ['atyrau']],
      ['В Астане открыли парк', '2025-05-01', null, 'feed', ['astana']],
      ['Без даты', null, null, 'feed', []],
    ]);
    expect(articles[1]?.text).toBe('В Астане открыли парк.\n\nПарк большой.');
    expect(articles.every((a) => a.file === 'feed.jsonl')).toBe(true);
  });

  it('warns about each malformed line by file and 1-based line number and keeps the rest', () => {
    const content = [
      line({ text: 'Хорошая запись один.' }),
      '{"text": "обрезано',
      line({ title: 'Без текста' }),
      line({ text: 'Плохая дата.', date: '2025/04/15' }),
      line({ text: 'Плохая ссылка.', url: 'gov.kz/news' }),
      line(['не', 'объект']),
      line({ text: '   ' }),
      line({ text: 'Хорошая запись два.' }),
    ].join('\r\n');
    const { articles, warnings } = parseJsonl('feed.jsonl', content);
    expect(articles.map((a) => a.text)).toEqual(['Хорошая запись один.', 'Хорошая запись два.']);
    expect(warnings.map((w) => [w.file, w.line])).toEqual([
      ['feed.jsonl', 2],
      ['feed.jsonl', 3],
      ['feed.jsonl', 4],
      ['feed.jsonl', 5],
      ['feed.jsonl', 6],
      ['feed.jsonl', 7],
    ]);
    expect(warnings[0]?.reason).toMatch(/^строка не является JSON/);
    expect(warnings[1]?.reason).toMatch(/text/);
    expect(warnings[2]?.reason).toContain('2025/04/15');
    expect(warnings[3]?.reason).toMatch(/url: ссылка/);
  });

  it('warns about a file with no records', () => {
    expect(parseJsonl('empty.jsonl', '\n\n')).toEqual({ articles: [], warnings: [{ file: 'empty.jsonl', reason: 'файл пуст' }] });
  });
});
