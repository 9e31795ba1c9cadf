import { describe, expect, it } from 'vitest';
import { addressedQuestion } from '../../src/bot/features/groups.js';
import { BOT_INFO, createTestBot, textUpdate } from './harness.js';

const me = { id: 777, username: 'zhauap_test_bot' };

describe('addressedQuestion (group rules)', () => {
  it('takes questions that mention the bot, without the mention', () => {
    expect(addressedQuestion({ text: '@zhauap_test_bot сколько врачей в Шымкенте?' }, me)).toBe('сколько врачей в Шымкенте?');
    expect(addressedQuestion({ text: 'Скажи, @Zhauap_Test_Bot, сколько жителей?' }, me)).toBe('Скажи, , сколько жителей?');
  });

  it('takes replies to the bot', () => {
    expect(addressedQuestion({ text: 'а в Шымкенте?', reply_to_message: { from: { id: 777 } } }, me)).toBe('а в Шымкенте?');
  });

  it('ignores everything else: other bots, other replies, look-alike names, commands', () => {
    expect(addressedQuestion({ text: 'сколько врачей в Шымкенте?' }, me)).toBeNull();
    expect(addressedQuestion({ text: 'а в Шымкенте?', reply_to_message: { from: { id: 5 } } }, me)).toBeNull();
    expect(addressedQuestion({ text: '@zhauap_test_bot_fan привет' }, me)).toBeNull();
    expect(addressedQuestion({ text: 'mail@zhauap_test_bot привет' }, me)).toBeNull();
    expect(addressedQuestion({ text: '/start@zhauap_test_bot' }, me)).toBeNull();
  });
});

describe('the bot in a group', () => {
  const group = { chatType: 'supergroup' as const, chatId: -100200 };

  it('stays silent unless addressed', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('Сколько врачей в Шымкенте?', group));
    expect(t.calls).toHaveLength(0);
    expect(t.engine.calls).toHaveLength(0);
  });

  it('answers a mention, a reply to the bot and /ask, replying to the question', async () => {
    const t = await createTestBot();
    await t.send(textUpdate(`@${BOT_INFO.username} сколько врачей в Шымкенте?`, group));
    await t.send(textUpdate('а в Алматинской области?', { ...group, replyToBot: true }));
    await t.send(textUpdate('/ask Какие водохранилища обследует Министерство водных ресурсов?', group));
    expect(t.engine.calls.map((c) => c.question)).toEqual([
      'сколько врачей в Шымкенте?',
      'а в Алматинской области?',
      'Какие водохранилища обследует Министерство водных ресурсов?',
    ]);
    const replies = t.callsOf('sendMessage');
    expect(replies).toHaveLength(3);
    for (const r of replies) expect(r.payload.reply_parameters).toBeDefined();
    expect(String(replies[2]!.payload.text)).toContain('Кенгирского водохранилища');
  });

  it('explains /ask without a question; /ask@botname works too', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('/ask', group));
    expect(t.sentTexts()).toEqual([expect.stringContaining('/ask сколько жителей')]);
    await t.send(textUpdate(`/ask@${BOT_INFO.username} Сколько врачей в Шымкенте?`, group));
    expect(t.sentTexts().at(-1)).toContain('300 молодых врачей');
  });

  it('/ask also works in a private chat', async () => {
    const t = await createTestBot();
    await t.send(textUpdate('/ask Сколько врачей в Шымкенте?'));
    expect(t.engine.calls[0]?.question).toBe('Сколько врачей в Шымкенте?');
  });
});
