import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTextFile, pressService } from '../../src/corpus/parse-text.js';
import { contentHash, normalizeForHash } from '../../src/corpus/hash.js';
import { parseDate } from '../../src/text/dates.js';

const seed = (file: string) => parseTextFile(file, readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8'));

describe('parseTextFile on the seed corpus', () => {
  it('(a) " date" header then one article: date taken, title from the first sentence', () => {
    const { articles, warnings } = seed('000_5b44c0428dbbd7c3.txt');
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(1);
    const [a] = articles;
    expect(a?.date).toBe('2025-12-23');
    expect(a?.text.startsWith('В ходе рабочей поездки')).toBe(true);
    expect(a?.text).not.toContain('date 2025');
    expect(a?.title.startsWith('В ходе рабочей поездки были рассмотрены вопросы')).toBe(true);
    expect(a?.title.length).toBeLessThanOrEqual(120);
    expect(a?.title.endsWith('…')).toBe(true);
    expect(a?.regions).toEqual(['almaty']);
    expect(a?.source).toBe('Пресс-служба Премьер-министра');
    expect(a?.language).toBe('ru');
    expect(a?.text.split('\n\n').length).toBeGreaterThan(5);
    expect(seed('004_82e9ccf09f57a9f0.txt').articles.map((x) => [x.date, x.regions])).toEqual([
      ['2025-11-21', ['almaty-region']],
    ]);
  });

  it('(b) listing page: 20 articles with outlet, titles, dates and source URLs', () => {
    const { articles, warnings } = seed('001_2ceeaa1a4b51d2ca.txt');
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(20);
    expect(new Set(articles.map((a) => a.source))).toEqual(new Set(['Enbekshi QazaQ']));
    const first = articles[0];
    expect(first?.title).toBe('Многофакторное обследование Кенгирского водохранилища проведет Министерство водных ресурсов и ирригации');
    expect(first?.date).toBe('2025-04-15');
    expect(first?.url).toBe('https://www.gov.kz/memleket/entities/water/press/news/details/961540?lang=kk');
    expect(articles.at(-1)?.title).toBe('Алматинцы стали первыми на V Летней Спартакиаде');
    expect(articles.at(-1)?.date).toBe('2025-04-12');
    for (const a of articles) {
      expect(a.url, a.title).toMatch(/^https:\/\/www\.gov\.kz\/memleket\/entities\/[\w-]+\/press\/news\/details\/\d+(\?lang=kk)?$/);
      expect(a.text, a.title).not.toContain('Источник информации');
      expect(a.text).not.toMatch(/\d{2}\.\d{2}\.2025$/);
    }
  });

  it('(b) cuts a URL glued to the next word and puts the space back', () => {
    const fitch = seed('001_2ceeaa1a4b51d2ca.txt').articles.find((a) => a.title.startsWith('Fitch Ratings'));
    expect(fitch?.text).toContain('https://www.fitchratings.com/site/pr/10088964 Согласно стандартам Fitch');
    expect(fitch?.url).toBe('https://www.gov.kz/memleket/entities/almaty/press/news/details/32245?lang=kk');
    expect(fitch?.regions[0]).toBe('almaty');
  });

  it('(b) keeps text glued before the source note, and marks the bilingual speech as mixed', () => {
    const { articles } = seed('001_2ceeaa1a4b51d2ca.txt');
    const commission = articles.find((a) => a.title.startsWith('Проведено очередное заседание'));
    expect(commission?.text.endsWith('74-06-02,pressgov@mail.ru')).toBe(true);
    const speech = articles.find((a) => a.title.startsWith('Текст выступления акима Алматы'));
    expect(speech?.language).toBe('mixed');
    expect(speech?.text.length).toBeGreaterThan(20_000);
  });

  it('(c) no title or date: byline removed from the text and used as source', () => {
    const { articles } = seed('002_fd0f7a614208adb2.txt');
    expect(articles).toHaveLength(1);
    const [a] = articles;
    expect(a?.source).toBe('Актоты Бекенкызы');
    expect(a?.date).toBeNull();
    expect(a?.url).toBeNull();
    expect(a?.text).not.toMatch(/БЕКЕНКЫЗЫ|КАРТАБАЯ/);
    expect(a?.text.endsWith('организована оперативно и качественно.')).toBe(true);
    expect(a?.title.startsWith('В зале заседаний акимата области состоялось заседание')).toBe(true);
    expect(a?.regions).toContain('zhambyl');
  });

  it('(d) title and subtitle, then a bilingual speech; soft line wraps joined', () => {
    const { articles } = seed('003_6e8133328d1408e1.txt');
    expect(articles).toHaveLength(1);
    const [a] = articles;
    expect(a?.title).toBe('В приоритете городских властей');
    expect(a?.text.startsWith('Аким Алматы Бакытжан Сагинтаев провел заседание')).toBe(true);
    expect(a?.language).toBe('mixed');
    expect(a?.source).toBe('файл 003_6e8133328d1408e1.txt');
    expect(a?.text).toContain('қаржы институттарының, ірі IT-компаниялардың');
    expect(a?.text).toContain('началось строительство 10 автоматизированных станций');
    expect(a?.text).not.toContain('***');
  });

  it('gives every article a stable 16-hex id from its text', () => {
    const once = seed('001_2ceeaa1a4b51d2ca.txt').articles.map((a) => a.id);
    expect(seed('001_2ceeaa1a4b51d2ca.txt').articles.map((a) => a.id)).toEqual(once);
    expect(new Set(once).size).toBe(once.length);
    for (const id of once) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('parseTextFile on user files', () => {
  it('reads Latin look-alikes inside Russian words as Cyrillic, keeping the id of the text as published', () => {
    const typed = 'Заместитель акима Ильяc Усеров рассказал о рейтинге BBB+.';
    const [article] = parseTextFile('note.txt', typed).articles;
    expect(article?.text).toBe('Заместитель акима Ильяс Усеров рассказал о рейтинге BBB+.');
    const [plain] = parseTextFile('note.txt', 'Заместитель акима Ильяс Усеров рассказал о рейтинге BBB+.').articles;
    // An index built before this reading keeps its ids: the article is not new, nothing is pushed again.
    expect(article?.id).toBe(contentHash(normalizeForHash(typed)));
    expect(article?.id).not.toBe(plain?.id);
  });

  it('takes a first line followed by a blank line as the title, and an optional date header', () => {
    const { articles } = parseTextFile(
      'akimat_news.txt',
      'Дата: 05.03.2024\nНовая школа в Шымкенте\n\nВ Шымкенте открыли школу на 1 200 мест.\nОбучение начнётся в сентябре.',
    );
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      title: 'Новая школа в Шымкенте',
      date: '2024-03-05',
      url: null,
      source: 'akimat news',
      regions: ['shymkent'],
      text: 'В Шымкенте открыли школу на 1 200 мест.\n\nОбучение начнётся в сентябре.',
      file: 'akimat_news.txt',
    });
  });

  it('does not take a first paragraph that ends a sentence as the title', () => {
    const { articles } = parseTextFile('note.txt', 'В Павлодаре прошёл форум.\n\nУчастники обсудили экологию.');
    expect(articles[0]?.title).toBe('В Павлодаре прошёл форум');
    expect(articles[0]?.text).toBe('В Павлодаре прошёл форум.\n\nУчастники обсудили экологию.');
  });

  it('reads a markdown heading as the title and strips markdown from the body', () => {
    const { articles } = parseTextFile(
      'news.md',
      '# Паводки в ВКО\n\ndate: 2025-04-01\n\n## Ситуация\n\n**Уровень воды** растёт, см. [сводку](https://example.kz/a).',
    );
    expect(articles[0]).toMatchObject({
      title: 'Паводки в ВКО',
      date: '2025-04-01',
      text: 'Ситуация\n\nУровень воды растёт, см. сводку.',
      regions: ['east-kazakhstan'],
    });
  });

  it('reads a closing "Источник: <url>" in any plain file', () => {
    const { articles } = parseTextFile('a.txt', 'Аким Атырау принял жителей.\nИсточник: https://atyrau.gov.kz/news/1');
    expect(articles[0]?.url).toBe('https://atyrau.gov.kz/news/1');
    expect(articles[0]?.text).toBe('Аким Атырау принял жителей.');
  });

  it('cuts a long first sentence for the title at a word border', () => {
    const sentence = `${'Очень длинное предложение о развитии региона '.repeat(5)}и его жителей.`;
    const title = parseTextFile('long.txt', sentence).articles[0]?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('…')).toBe(true);
    expect(sentence.startsWith(title.slice(0, -1))).toBe(true);
    expect(sentence[title.length - 1]).toBe(' ');
  });

  it('warns about empty and whitespace-only content and returns no articles', () => {
    expect(parseTextFile('empty.txt', ' \n\t\n')).toEqual({ articles: [], warnings: [{ file: 'empty.txt', reason: 'файл пуст' }] });
  });

  it('warns about a listing title without a body, naming the line', () => {
    const { articles, warnings } = parseTextFile(
      'list.txt',
      'Портал\n\nНовость первая 01.02.2025\nТекст первой новости в Костанае.\nНовость вторая 02.02.2025\n',
    );
    expect(articles.map((a) => [a.title, a.date, a.source, a.regions])).toEqual([
      ['Новость первая', '2025-02-01', 'Портал', ['kostanay']],
    ]);
    expect(warnings).toEqual([{ file: 'list.txt', line: 5, reason: 'статья без текста пропущена' }]);
  });
});

describe('parseDate', () => {
  it('accepts ISO and DD.MM.YYYY dates and rejects impossible ones', () => {
    expect(parseDate('2025-04-15')).toBe('2025-04-15');
    expect(parseDate('15.04.2025')).toBe('2025-04-15');
    expect(parseDate('31.02.2025')).toBeNull();
    expect(parseDate('2025-13-01')).toBeNull();
    expect(parseDate('вчера')).toBeNull();
  });
});

describe('pressService', () => {
  it('takes the issuing press service from the closing line, in any case form', () => {
    expect(pressService('Задачи обозначены, сообщила пресс-служба Премьер-министра.')).toBe('Пресс-служба Премьер-министра');
    expect(pressService('Об этом сообщили в пресс-службе акимата Алматы.')).toBe('Пресс-служба акимата Алматы');
    expect(pressService('Пресс-служба сообщила о планах в начале текста. Дальше идёт обычный текст.')).toBeNull();
  });
});
