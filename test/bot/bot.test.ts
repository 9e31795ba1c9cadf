import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeEngine } from './fake-engine.js';
import {
  buttons, callbackUpdate, createTestBot, inlineUpdate, stickerUpdate, TEST_EXAMPLES, textUpdate,
} from './harness.js';

const lastSent = (t: Awaited<ReturnType<typeof createTestBot>>) => t.callsOf('sendMessage').at(-1);

/** Every file under the state dir, names and contents, as one string. */
async function readStateDir(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return (await Promise.all(files.map(async (f) => `${f}\n${await readFile(f, 'utf8')}`))).join('\n');
}

describe('commands', () => {
  it('/start greets with corpus facts and three example buttons; tapping one asks it', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('/start'));
    const start = lastSent(t)!;
    const text = String(start.payload.text);
    expect(text).toContain('4 статьи');
    expect(text).toContain('gov.kz, Enbekshi QazaQ');
    expect(text).toContain('с 15.04.2025 по 23.12.2025');
    const examples = buttons(start);
    expect(examples.map((b) => b.text)).toEqual(TEST_EXAMPLES);

    await t.send(callbackUpdate(examples[1]!.callback_data!));
    expect(t.engine.calls.at(-1)?.question).toBe(TEST_EXAMPLES[1]);
    expect(String(lastSent(t)!.payload.text)).toContain('300 молодых врачей');
    expect(t.callsOf('answerCallbackQuery')).toHaveLength(1);
  });

  it('/sources, /latest and /help answer in HTML', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('/sources'));
    expect(t.sentTexts().at(-1)).toMatch(/gov\.kz — 2 статьи/);
    await t.send(textUpdate('/latest'));
    const latest = t.sentTexts().at(-1)!;
    expect(latest.indexOf('В школах Алматы')).toBeLessThan(latest.indexOf('Шымкенте'));
    expect(latest).toContain('<a href="https://example.kz/almaty-schools?id=1&amp;lang=ru">');
    await t.send(textUpdate('/help'));
    expect(t.sentTexts().at(-1)).toContain('/region');
    for (const c of t.callsOf('sendMessage')) expect(c.payload.parse_mode).toBe('HTML');
  });

  it('"что нового?" lists the latest articles with links, without a search', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Привет! Что нового?'));
    const reply = lastSent(t)!;
    expect(reply.payload.parse_mode).toBe('HTML');
    expect(String(reply.payload.text)).toContain('<a href="https://example.kz/almaty-schools?id=1&amp;lang=ru">');
    expect(String(reply.payload.text)).not.toMatch(/не нашёл/i);
    expect(t.engine.calls).toHaveLength(0);
  });
});

describe('questions', () => {
  it('answers with [n] markers, linked sources, URL, fragment and feedback buttons, while typing', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Сколько врачей в Шымкенте?'));
    const reply = lastSent(t)!;
    expect(reply.payload.parse_mode).toBe('HTML');
    expect(String(reply.payload.text)).toMatch(/300 молодых врачей\. \[1\]/);
    expect(String(reply.payload.text)).toContain('[1] <a href="https://example.kz/shymkent-doctors">В Шымкенте стало больше врачей</a>');
    const b = buttons(reply);
    expect(b.some((x) => x.url === 'https://example.kz/shymkent-doctors')).toBe(true);
    expect(b.map((x) => x.text)).toEqual(expect.arrayContaining(['📄 Фрагмент 1', '📄 Фрагмент 2', '👍', '👎']));
    expect(t.callsOf('sendChatAction')[0]?.payload.action).toBe('typing');
  });

  it('still answers when sendChatAction is not available', async () => {
    const t = await createTestBot({ failing: ['sendChatAction'] });
    await t.send(textUpdate('Сколько врачей в Шымкенте?'));
    expect(t.callsOf('sendChatAction').length).toBeGreaterThan(0);
    expect(t.sentTexts().at(-1)).toContain('300 молодых врачей');
  });

  it('refuses off-corpus questions with the "не нашёл" text and topic buttons that ask them', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Какая погода на Марсе?'));
    const text = t.sentTexts().at(-1)!;
    expect(text).toContain('не нашёл');
    expect(text).toContain('Возможно, вас интересует');
    // The topics are buttons, not a list in the text.
    expect(text).not.toContain('• В школах Алматы');
    const topics = buttons(lastSent(t)).filter((b) => b.text.startsWith('🔎'));
    expect(topics.map((b) => b.text)).toEqual([
      '🔎 В школах Алматы не хватает учителей',
      '🔎 Встреча акима Алматинской области с жителями',
      '🔎 В Шымкенте стало больше врачей',
    ]);
    for (const b of topics) expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);
    expect(buttons(lastSent(t)).some((b) => b.text.startsWith('📄'))).toBe(false);

    await t.send(callbackUpdate(topics[0]!.callback_data!));
    expect(t.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBeUndefined();
    expect(t.engine.calls.at(-1)?.question).toBe('В школах Алматы не хватает учителей');
    expect(t.sentTexts().at(-1)).toContain('640 учителей');
  });

  it('keeps the topic buttons after a vote, and says a forgotten topic expired', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Какая погода на Марсе?'));
    const down = buttons(lastSent(t)).find((b) => b.text === '👎')!;
    await t.send(callbackUpdate(down.callback_data!));
    const edited = buttons(t.callsOf('editMessageReplyMarkup').at(-1));
    expect(edited.filter((b) => b.text.startsWith('🔎'))).toHaveLength(3);
    await t.send(callbackUpdate('t:unknownkey:0'));
    expect(t.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('устарел');
    expect(t.engine.calls).toHaveLength(1);
  });

  it('shows the corrected reading it searched for, in one line above the answer', async () => {
    const t = await createTestBot({ engine: new FakeEngine({ spelling: { скока: 'сколько', врочей: 'врачей' } }) });
    await t.send(textUpdate('скока врочей в Шымкенте <3?'));
    const reply = t.sentTexts().at(-1)!;
    expect(reply).toMatch(/^<i>Искал: сколько врачей в Шымкенте &lt;3\?<\/i>\n\n/);
    expect(reply).toContain('300 молодых врачей');
    await t.send(textUpdate('Сколько врачей в Шымкенте?'));
    expect(t.sentTexts().at(-1)).not.toContain('Искал');
  });

  it('takes a thumbs-up as thanks, asks for words after other emoji, and says why signs alone are no question', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('😀😀 👍'));
    expect(t.sentTexts().at(-1)).toMatch(/^Пожалуйста!/);
    await t.send(textUpdate('🤔'));
    expect(t.sentTexts().at(-1)).toContain('напишите вопрос словами');
    await t.send(textUpdate('?!'));
    expect(t.sentTexts()).toHaveLength(3);
    expect(t.sentTexts().at(-1)).toContain('только вопросы, написанные словами');
    // Only the signs went to the engine: the emoji were read as small talk.
    expect(t.engine.calls.map((c) => c.question)).toEqual(['?!']);
  });

  it('answers the question at the end of a 1500-character message and says which question it answered', async () => {
    const t = await createTestBot();
    const story = 'Моя дочь учится в медицинском колледже, и мы думаем, куда ей идти работать после выпуска. '.repeat(17);
    const message = `${story}Сколько врачей в Шымкенте?`;
    expect(message.length).toBeGreaterThanOrEqual(1500);
    await t.send(textUpdate(message));
    expect(t.engine.calls[0]!.question).toMatch(/Сколько врачей в Шымкенте\?$/);
    const reply = t.sentTexts().at(-1)!;
    expect(reply).toMatch(/^<i>Сообщение длинное, поэтому я ответил на вопрос из него: «.*Сколько врачей в Шымкенте\?»<\/i>/);
    expect(reply).toContain('300 молодых врачей');
  });

  it('splits a long answer into several messages, buttons under the last one', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Подробно про учителей в школах Алматы'));
    const sent = t.callsOf('sendMessage');
    expect(sent.length).toBeGreaterThan(1);
    for (const c of sent) expect(String(c.payload.text).length).toBeLessThanOrEqual(4096);
    expect(sent.slice(0, -1).every((c) => c.payload.reply_markup === undefined)).toBe(true);
    expect(buttons(sent.at(-1)).length).toBeGreaterThan(0);
  });

  it('passes the previous standalone question as history, so a third turn resolves against the second', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Сколько жителей в Алматинской области?'));
    await t.send(textUpdate('а в Шымкенте?'));
    expect(t.engine.calls[1]!.options?.history?.question).toBe('Сколько жителей в Алматинской области?');
    const second = t.sentTexts().at(-1)!;
    expect(second).toContain('Жителей Шымкента стало больше');
    expect(second).not.toContain('1,6 млн');
    await t.send(textUpdate('а сколько там врачей?'));
    expect(t.engine.calls[2]!.options?.history?.question).toBe('Сколько жителей в Шымкенте?');
    expect(t.sentTexts().at(-1)).toContain('300 молодых врачей');
  });

  it('does not repeat the old place\'s figures when the follow-up swaps the place', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Сколько учителей не хватает в Алматы?'));
    expect(t.sentTexts().at(-1)).toContain('640 учителей');
    await t.send(textUpdate('а в Шымкенте?'));
    const reply = t.sentTexts().at(-1)!;
    expect(reply).not.toContain('640');
    expect(reply).not.toContain('Алматы');
  });

  it('keeps the follow-up history across a restart (file sessions under the state dir)', async () => {
    const first = await createTestBot({ fileSessions: true });
    await first.send(textUpdate('Сколько жителей в Алматинской области?'));
    const second = await createTestBot({ fileSessions: true, stateDir: first.stateDir });
    await second.send(textUpdate('а в Шымкенте?'));
    expect(second.engine.calls[0]!.options?.history?.question).toBe('Сколько жителей в Алматинской области?');
  });

  it('apologises when the engine fails, and keeps working', async () => {
    const t = await createTestBot({ engine: new FakeEngine({ failOn: /сломай/ }) });
    await t.send(textUpdate('сломай всё'));
    expect(t.sentTexts().at(-1)).toBe('Произошла ошибка, попробуйте ещё раз.');
    await t.send(textUpdate('Сколько врачей в Шымкенте?'));
    expect(t.sentTexts().at(-1)).toContain('300 молодых врачей');
  });

  it('limits questions per user per minute with a friendly message, once', async () => {
    const t = await createTestBot({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    for (let i = 0; i < 4; i++) await t.send(textUpdate('Сколько врачей в Шымкенте?'));
    expect(t.engine.calls).toHaveLength(2);
    expect(t.sentTexts().filter((s) => s.includes('Слишком много вопросов подряд: не больше 2 в минуту'))).toHaveLength(1);
    await t.send(textUpdate('Сколько врачей в Шымкенте?', { userId: 43 }));
    expect(t.engine.calls).toHaveLength(3);
  });

  it('answers stickers and photos with a one-line hint in private chats only', async () => {
    const t = await createTestBot();
    await t.send(stickerUpdate());
    expect(t.sentTexts()).toEqual(['Я понимаю только текстовые вопросы. Напишите, что вы хотите узнать.']);
    await t.send(stickerUpdate({ chatType: 'group' }));
    expect(t.sentTexts()).toHaveLength(1);
  });
});

describe('small talk', () => {
  it.each([
    ['привет', 'Здравствуйте!'],
    ['что ты умеешь?', 'Я отвечаю на вопросы по новостям'],
    ['спасибо', 'Пожалуйста!'],
    ['Сәлеметсіз бе!', 'Сәлеметсіз бе! Мен'],
  ])('%j gets a friendly reply with an example question, without a search', async (message, start) => {
    const t = await createTestBot();
    await t.send(textUpdate(message));
    const reply = t.sentTexts().at(-1)!;
    expect(reply.startsWith(start)).toBe(true);
    expect(reply).toMatch(/«.+\?»/);
    expect(reply).not.toMatch(/не нашёл|\[1\]/i);
    expect(t.engine.calls).toHaveLength(0);
  });

  it('sends a time alone ("а в этом году?") to the engine as a follow-up, but not as the first message', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('а в этом году?'));
    expect(t.engine.calls).toHaveLength(0);
    await t.send(textUpdate('Сколько жителей в Алматинской области?'));
    await t.send(textUpdate('а в этом году?'));
    expect(t.engine.calls).toHaveLength(2);
    expect(t.engine.calls[1]!.question).toBe('а в этом году?');
    expect(t.engine.calls[1]!.options?.history?.question).toBe('Сколько жителей в Алматинской области?');
  });

  it('keeps the follow-up chain across a "спасибо"', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Сколько жителей в Алматинской области?'));
    await t.send(textUpdate('Спасибо!'));
    await t.send(textUpdate('а в Шымкенте?'));
    expect(t.engine.calls).toHaveLength(2);
    expect(t.engine.calls[1]!.options?.history?.question).toBe('Сколько жителей в Алматинской области?');
    // Thanks that open the next follow-up are dropped, so the follow-up still reads as one.
    await t.send(textUpdate('Спасибо! А сколько там врачей?'));
    expect(t.engine.calls[2]!.question).toBe('А сколько там врачей?');
    expect(t.sentTexts().at(-1)).toContain('300 молодых врачей');
  });

  it('drops a greeting before a question and answers the question', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Здравствуйте! Сколько врачей в Шымкенте?'));
    expect(t.engine.calls[0]!.question).toBe('Сколько врачей в Шымкенте?');
    expect(t.sentTexts().at(-1)).toContain('300 молодых врачей');
  });

  it('replies in groups to a mention or /ask, and gives no inline result', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('@zhauap_test_bot привет', { chatType: 'group' }));
    expect(t.sentTexts().at(-1)).toMatch(/^Здравствуйте!/);
    expect(lastSent(t)!.payload.reply_parameters).toBeDefined();
    await t.send(textUpdate('/ask спасибо', { chatType: 'group' }));
    expect(t.sentTexts().at(-1)).toMatch(/^Пожалуйста!/);
    await t.send(inlineUpdate('спасибо'));
    expect(t.callsOf('answerInlineQuery').at(-1)?.payload.results).toEqual([]);
    expect(t.engine.calls).toHaveLength(0);
  });
});

describe('callbacks', () => {
  it('"📄 Фрагмент n" shows the quoted passage; an unknown answer says it expired', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Сколько врачей в Шымкенте?'));
    const fragment = buttons(lastSent(t)).find((b) => b.text === '📄 Фрагмент 2')!;
    await t.send(callbackUpdate(fragment.callback_data!));
    const text = t.sentTexts().at(-1)!;
    expect(text).toContain('Фрагмент [2]');
    expect(text).toContain('<blockquote>Жителей Шымкента стало больше, поэтому в городе откроют две новые поликлиники');

    await t.send(callbackUpdate('f:unknownkey:1'));
    expect(t.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('устарел');
  });

  it('records 👍 once with a hashed user id and the answer, and /stats shows shares and refused topics to admins only', async () => {
    const t = await createTestBot({ env: { ADMIN_IDS: '42' } });
    await t.send(textUpdate('Сколько врачей в Шымкенте?', { userId: 42 }));
    await t.send(textUpdate('Какая погода на Марсе?', { userId: 42 }));
    await t.send(textUpdate('Будет ли погода на Марсе завтра?', { userId: 42 }));
    const up = buttons(t.callsOf('sendMessage')[0]).find((b) => b.text === '👍')!;
    await t.send(callbackUpdate(up.callback_data!, { userId: 42 }));
    await t.send(callbackUpdate(up.callback_data!, { userId: 42 }));
    await t.log.flush();

    const votes = await t.log.feedback(0);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ vote: 'up', question: 'Сколько врачей в Шымкенте?' });
    expect(votes[0]!.answer).toContain('300 молодых врачей');
    expect(votes[0]!.user).toMatch(/^[0-9a-f]{64}$/);
    const questions = await t.log.questions(0);
    expect(questions.map((q) => q.answered)).toEqual([true, false, false]);
    expect(questions[0]!.cited).toEqual(['a3']);
    // Nothing stored under the state dir names the user.
    const stored = await readStateDir(t.stateDir);
    expect(stored).not.toMatch(/"(user|userId|chat|from)":"?42\b/);
    expect(stored).toContain(`"user":"${votes[0]!.user}"`);
    expect(stored).not.toContain('Айгуль');
    expect(t.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('уже оценили');
    // The vote buttons disappear, source buttons stay.
    const edited = t.callsOf('editMessageReplyMarkup').at(-1);
    expect(buttons(edited).some((b) => b.text === '👍')).toBe(false);
    expect(buttons(edited).some((b) => b.text.startsWith('📄'))).toBe(true);

    await t.send(textUpdate('/stats', { userId: 42 }));
    const stats = t.sentTexts().at(-1)!;
    expect(stats).toContain('За сутки: 3 вопроса; с ответом 1 (33%), без ответа 2 (67%)');
    expect(stats).toContain('👍 1 / 👎 0');
    expect(stats).toMatch(/1\. (марсе|погода)[^\n]* — 2 вопроса/);
    await t.send(textUpdate('/stats', { userId: 99 }));
    expect(t.sentTexts().at(-1)).toBe('Эта команда доступна только администраторам.');
  });
});

describe('region filter', () => {
  it('narrows answers to the chosen region, says so, and can be reset', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('/region'));
    const menu = buttons(lastSent(t));
    expect(menu.map((b) => b.text)).toContain('Шымкент (1)');
    await t.send(callbackUpdate(menu.find((b) => b.text === 'Шымкент (1)')!.callback_data!));

    await t.send(textUpdate('Сколько жителей?'));
    expect(t.engine.calls.at(-1)?.options?.regions).toEqual(['shymkent']);
    const answer = t.sentTexts().at(-1)!;
    expect(answer).toContain('Жителей Шымкента');
    expect(answer).toContain('Фильтр по региону: Шымкент');

    await t.send(textUpdate('/region'));
    const reset = buttons(lastSent(t)).find((b) => b.text.includes('Сбросить'))!;
    await t.send(callbackUpdate(reset.callback_data!));
    await t.send(textUpdate('Сколько жителей в Алматинской области?'));
    expect(t.engine.calls.at(-1)?.options?.regions).toBeUndefined();
    expect(t.sentTexts().at(-1)).not.toContain('Фильтр по региону');
  });
});

describe('inline mode', () => {
  it('returns the answer as an HTML article with sources and link buttons', async () => {
    const t = await createTestBot();
    await t.send(inlineUpdate('Сколько врачей в Шымкенте?'));
    const call = t.callsOf('answerInlineQuery').at(-1)!;
    const [result] = call.payload.results as Array<{
      type: string;
      input_message_content: { parse_mode: string; message_text: string };
      reply_markup: { inline_keyboard: Array<Array<{ url?: string }>> };
    }>;
    expect(result!.type).toBe('article');
    expect(result!.input_message_content.parse_mode).toBe('HTML');
    expect(result!.input_message_content.message_text).toContain('[1] <a href="https://example.kz/shymkent-doctors">');
    expect(result!.reply_markup.inline_keyboard.flat().every((b) => b.url)).toBe(true);
  });

  it('returns nothing for a query too short to be a question', async () => {
    const t = await createTestBot();
    await t.send(inlineUpdate('ал'));
    expect(t.callsOf('answerInlineQuery').at(-1)?.payload.results).toEqual([]);
    expect(t.engine.calls).toHaveLength(0);
  });
});

describe('admin /reindex', () => {
  it('replies at once, reindexes in the background and reports when done', async () => {
    const t = await createTestBot({ env: { ADMIN_IDS: '42' }, engine: new FakeEngine({ delayMs: 100 }) });
    await t.send(textUpdate('/reindex', { userId: 42 }));
    expect(t.sentTexts().at(-1)).toContain('Переиндексация запущена');
    expect(t.engine.reindexCount).toBe(0);
    await t.send(textUpdate('Сколько врачей в Шымкенте?', { userId: 42 }));
    expect(t.sentTexts().at(-1)).toContain('300 молодых врачей');
    await expect
      .poll(() => t.sentTexts().some((s) => s.startsWith('Переиндексация завершена: 4 статьи')), { timeout: 2000 })
      .toBe(true);
    expect(t.engine.reindexCount).toBe(1);
  });
});
