import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.js';
import { renderAnswerHtml, safeUrl, splitHtml, TELEGRAM_TEXT_LIMIT } from '../../src/bot/format.js';
import { escapeHtml } from '../../src/texts/html.js';

const headings = { sourcesHeading: '<b>Источники:</b>', suggestionsHeading: '<b>Возможно:</b>' };

function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    id: 'a1', question: 'q', answered: true, mode: 'extractive', passages: [], suggestions: [], filters: {}, standalone: 'q', corrections: [], relaxedRegions: [], truncated: false,
    answer: 'В Алматы не хватает 640 учителей [1]. Город даст жильё [2].',
    citations: [
      { n: 1, title: 'Учителя <Алматы>', date: '2025-12-23', url: 'https://example.kz/a?x=1&y="2"', source: 'gov.kz', quote: 'q1', chunkId: 'c1', articleId: 'a1' },
      { n: 2, title: 'Жильё педагогам', date: null, url: null, source: 'Enbekshi QazaQ', quote: 'q2', chunkId: 'c2', articleId: 'a2' },
    ],
    ...overrides,
  };
}

/** Tags must open and close in a proper nesting within each message. */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!m[1]) stack.push(m[2]!);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

const visible = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();

describe('escaping and URLs', () => {
  it('escapes the three characters Telegram HTML reserves', () => {
    expect(escapeHtml('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
  });

  it('accepts only absolute http(s) URLs for links and buttons', () => {
    expect(safeUrl('https://gov.kz/x')).toBe('https://gov.kz/x');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('tg://resolve')).toBeNull();
    expect(safeUrl('/relative/path')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});

describe('renderAnswerHtml', () => {
  it('keeps [n] markers and lists numbered sources, linked when a URL exists, else by outlet', () => {
    const html = renderAnswerHtml(answer(), headings);
    expect(html).toContain('640 учителей [1]');
    expect(html).toContain('[1] <a href="https://example.kz/a?x=1&amp;y=%222%22">Учителя &lt;Алматы&gt;</a> — gov.kz, 23.12.2025');
    expect(html).toContain('[2] Жильё педагогам — Enbekshi QazaQ');
    expect(html).not.toContain('<a href="null"');
  });

  it('escapes HTML coming from the answer text', () => {
    const html = renderAnswerHtml(answer({ answer: 'Ответ <script>alert(1)</script> & всё [1]' }), headings);
    expect(html).toContain('Ответ &lt;script&gt;alert(1)&lt;/script&gt; &amp; всё [1]');
    expect(html).not.toContain('<script>');
  });

  it('shows suggestions instead of sources when nothing was found', () => {
    const html = renderAnswerHtml(
      answer({ answered: false, answer: 'Не нашёл ответа.', citations: [], suggestions: ['Паводки <2025>'] }),
      headings,
    );
    expect(html).toContain('Не нашёл ответа.');
    expect(html).toContain('<b>Возможно:</b>\n• Паводки &lt;2025&gt;');
    expect(html).not.toContain('Источники');
  });

  it('puts notes before and after the answer', () => {
    const html = renderAnswerHtml(answer(), { ...headings, notesBefore: ['<i>сокращён</i>'], notesAfter: ['<i>регион</i>'] });
    expect(html.startsWith('<i>сокращён</i>\n\n')).toBe(true);
    expect(html.endsWith('<i>регион</i>')).toBe(true);
  });

  it('leaves the list out when the suggestions are buttons', () => {
    const refused = answer({ answered: false, answer: 'Не нашёл ответа.', citations: [], suggestions: ['Паводки'] });
    const html = renderAnswerHtml(refused, { ...headings, suggestionsAsButtons: true });
    expect(html).toBe('Не нашёл ответа.\n\n<b>Возможно:</b>');
  });

  it('says in one line each what it searched for after corrections and which named region had nothing', () => {
    const html = renderAnswerHtml(
      answer({
        question: 'скока врачей в <Астане>?',
        standalone: 'сколько врачей в <Астане>?',
        corrections: [{ from: 'скока', to: 'сколько' }],
        relaxedRegions: ['Астана'],
      }),
      { ...headings, notesBefore: ['<i>сокращён</i>'] },
    );
    expect(html.startsWith(
      '<i>сокращён</i>\n\n<i>Искал: сколько врачей в &lt;Астане&gt;?</i>\n' +
        '<i>По региону «Астана» ничего не нашлось — ответ из других материалов.</i>\n\nВ Алматы',
    )).toBe(true);
    expect(renderAnswerHtml(answer({ standalone: 'другой вопрос' }), headings)).not.toContain('Искал');
  });
});

describe('splitHtml', () => {
  it('returns short text as one part', () => {
    expect(splitHtml('<b>коротко</b>')).toEqual(['<b>коротко</b>']);
  });

  it('splits at paragraph borders, every part within the limit, nothing lost', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Абзац ${i}. ` + 'слово '.repeat(80).trim() + '.');
    const html = paragraphs.join('\n\n');
    const parts = splitHtml(html, 1000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(p.startsWith('Абзац')).toBe(true); // a cut never lands mid-paragraph when a border fits
    }
    expect(visible(parts.join(' '))).toBe(visible(html));
  });

  it('falls back to sentence borders inside a long paragraph', () => {
    const html = Array.from({ length: 40 }, (_, i) => `Предложение номер ${i} о школах.`).join(' ');
    const parts = splitHtml(html, 300);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(300);
      expect(p.endsWith('.')).toBe(true);
    }
    expect(visible(parts.join(' '))).toBe(visible(html));
  });

  it('never splits a link and keeps tags balanced in every part', () => {
    const line = (i: number) => `[${i}] <a href="https://example.kz/${i}?a=1&amp;b=2">Заголовок статьи номер ${i}</a> — <b>gov.kz</b>`;
    const html = `<b>Источники:</b>\n${Array.from({ length: 60 }, (_, i) => line(i)).join('\n')}`;
    const parts = splitHtml(html, 700);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(700);
      expect(balanced(p)).toBe(true);
      // Every opened link is closed in the same part: count of <a equals count of </a>.
      expect((p.match(/<a /g) ?? []).length).toBe((p.match(/<\/a>/g) ?? []).length);
    }
    const links = parts.join('\n').match(/<a href="[^"]*">[^<]*<\/a>/g) ?? [];
    expect(links).toHaveLength(60);
  });

  it('closes and reopens formatting tags when a cut falls inside them', () => {
    const html = `<blockquote>${'Длинная цитата без абзацев. '.repeat(60)}</blockquote>`;
    const parts = splitHtml(html, 500);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p.startsWith('<blockquote>')).toBe(true);
      expect(p.endsWith('</blockquote>')).toBe(true);
      expect(balanced(p)).toBe(true);
      expect(p.length).toBeLessThanOrEqual(500);
    }
  });

  it('does not cut an entity or an emoji in half, even in one endless word', () => {
    const html = '&amp;😀'.repeat(2000);
    const parts = splitHtml(html, TELEGRAM_TEXT_LIMIT);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(p).toMatch(/^(&amp;|😀)+$/u);
    }
    expect(parts.join('')).toBe(html);
  });
});
