import { describe, expect, it } from 'vitest';
import type { Citation } from '../../src/answer/answer.js';
import {
  answerKeyboard,
  CALLBACK_DATA_MAX_BYTES,
  decodeCallback,
  encodeCallback,
  regionKeyboard,
  type CallbackAction,
} from '../../src/bot/keyboards.js';
import { answerKey } from '../../src/bot/session.js';

const citation = (n: number, url: string | null): Citation => ({
  n, title: `Статья ${n} с очень длинным заголовком, который не поместится на кнопке целиком`, date: null, url,
  source: 'gov.kz', quote: 'цитата', chunkId: `c${n}`, articleId: `a${n}`,
});

const flat = (k: ReturnType<typeof answerKeyboard>) => k?.inline_keyboard.flat() ?? [];

describe('callback data', () => {
  it('round-trips every action and stays within 64 bytes', () => {
    const key = answerKey('f'.repeat(64), Date.now());
    const actions: CallbackAction[] = [
      { kind: 'fragment', key, n: 12 },
      { kind: 'feedback', key, vote: 'down' },
      { kind: 'suggestion', key, index: 2 },
      { kind: 'example', index: 2 },
      { kind: 'region', id: 'almaty-oblast' },
      { kind: 'region', id: null },
    ];
    for (const a of actions) {
      const data = encodeCallback(a);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(decodeCallback(data)).toEqual(a);
    }
    expect(decodeCallback('something else')).toBeNull();
  });
});

describe('answerKeyboard', () => {
  it('has a URL button per distinct source URL, a fragment button per citation and feedback', () => {
    const k = answerKeyboard([citation(1, 'https://a.kz/1'), citation(2, null), citation(3, 'https://a.kz/1'), citation(4, 'ftp://x')], {
      key: 'k1',
      withFeedback: true,
    });
    const buttons = flat(k);
    expect(buttons.filter((b) => 'url' in b).map((b) => (b as { url: string }).url)).toEqual(['https://a.kz/1']);
    expect(buttons.filter((b) => b.text.startsWith('📄')).map((b) => b.text)).toEqual([
      '📄 Фрагмент 1', '📄 Фрагмент 2', '📄 Фрагмент 3', '📄 Фрагмент 4',
    ]);
    expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['👍', '👎']));
    for (const b of buttons) if ('callback_data' in b) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
  });

  it('offers each suggested topic as a button that asks it, before the vote', () => {
    const titles = ['Паводки в Акмолинской области', `Очень длинный заголовок ${'слово '.repeat(30)}`];
    const buttons = flat(answerKeyboard([], { key: 'k1', withFeedback: true, suggestions: titles }));
    expect(buttons.map((b) => b.text)).toEqual(['🔎 Паводки в Акмолинской области', expect.stringMatching(/^🔎 Очень длинный.{30,}…$/u), '👍', '👎']);
    expect(buttons.slice(0, 2).map((b) => decodeCallback((b as { callback_data: string }).callback_data))).toEqual([
      { kind: 'suggestion', key: 'k1', index: 0 },
      { kind: 'suggestion', key: 'k1', index: 1 },
    ]);
    // Without a session there is nowhere to keep the titles: no topic buttons.
    expect(answerKeyboard([], { withFeedback: false, suggestions: titles })).toBeUndefined();
  });

  it('shows only URL buttons without a session key (inline mode), nothing when there is nothing', () => {
    expect(flat(answerKeyboard([citation(1, 'https://a.kz/1')], { withFeedback: false })).map((b) => 'url' in b)).toEqual([true]);
    expect(answerKeyboard([citation(1, null)], { withFeedback: false })).toBeUndefined();
  });
});

describe('regionKeyboard', () => {
  it('lists regions by article count, skips ids too long for callback data, offers reset', () => {
    const k = regionKeyboard(
      [
        { id: 'shymkent', name: 'Шымкент', articles: 2 },
        { id: 'almaty', name: 'Алматы', articles: 9 },
        { id: 'x'.repeat(80), name: 'Слишком длинный', articles: 50 },
      ],
      true,
    );
    expect(k.inline_keyboard.flat().map((b) => b.text)).toEqual(['Алматы (9)', 'Шымкент (2)', '✖️ Сбросить']);
  });
});
