import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEngine } from '../bot/fake-engine.js';
import { TEST_EXAMPLES } from '../bot/harness.js';
import {
  EMULATOR_BOT_USERNAME, inlineButtons, SimulatedUser, startBotOn, startEmulator, type Emulator, type StartedBot,
} from './emulator.js';

let emulator: Emulator;
let bot: StartedBot;
let nextUser = 1000;
const logLines: string[] = [];
const logs = () => logLines.map((l) => JSON.parse(l) as { msg: string; call?: string });
const user = (options: { type?: 'group' | 'supergroup'; chatId?: number } = {}) =>
  new SimulatedUser(emulator, bot.token, { userId: ++nextUser, ...options });

beforeAll(async () => {
  emulator = await startEmulator();
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  bot = await startBotOn(emulator, new FakeEngine(), {
    env: { RATE_LIMIT_PER_MINUTE: '3' },
    exampleQuestions: TEST_EXAMPLES,
    logger,
  });
});

afterAll(async () => {
  await bot?.running.stop();
  await emulator?.stop();
});

describe('bot against the Bot API emulator (long polling)', () => {
  it('/start greets with the corpus size and example-question buttons', async () => {
    const [greeting] = await user().ask('/start');
    expect(greeting!.message.text).toContain('4 статьи');
    expect(inlineButtons(greeting).map((b) => b.text)).toEqual(TEST_EXAMPLES);
  });

  it('answers a question with [n] markers and a source link, though the emulator lacks sendChatAction', async () => {
    const u = user();
    const [answer] = await u.ask('Сколько врачей в Шымкенте?');
    expect(answer!.message.parse_mode).toBe('HTML');
    expect(answer!.message.text).toMatch(/300 молодых врачей\. \[1\]/);
    expect(answer!.message.text).toContain('<a href="https://example.kz/shymkent-doctors">');
    expect(inlineButtons(answer).some((b) => b.url === 'https://example.kz/shymkent-doctors')).toBe(true);

    // The emulator really has no sendChatAction / setMyCommands: the bot tried, logged, and went on.
    const direct = await fetch(`${emulator.config.apiURL}/bot${bot.token}/sendChatAction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: u.chatId, action: 'typing' }),
    });
    expect(direct.status).toBe(500);
    const failedCalls = logs().filter((l) => l.msg.startsWith('optional call failed')).map((l) => l.call);
    expect(failedCalls).toEqual(expect.arrayContaining(['sendChatAction', 'setMyCommands']));
    // Info-level logs carry neither the token nor the user's question.
    expect(logLines.join('\n')).not.toContain(bot.token);
    expect(logLines.join('\n')).not.toContain('Сколько врачей');
  });

  it('shows the quoted passage for "📄 Фрагмент n"', async () => {
    const u = user();
    const [answer] = await u.ask('Сколько жителей в Алматинской области?');
    const button = inlineButtons(answer).find((b) => b.text === '📄 Фрагмент 2')!;
    const before = u.replies().length;
    await u.tap(button.callback_data!, answer!.messageId);
    const [fragment] = await u.waitForReplies(1, before);
    expect(fragment!.message.text).toContain('Фрагмент [2]');
    expect(fragment!.message.text).toContain('373 населённых пункта');
  });

  it('splits a long answer into several messages', async () => {
    const u = user();
    await u.say('Подробно про учителей в школах Алматы');
    const parts = await u.waitForReplies(2);
    await new Promise((r) => setTimeout(r, 200)); // let any remaining parts arrive
    const all = u.replies();
    expect(all.length).toBeGreaterThan(1);
    for (const p of all) expect(p.message.text.length).toBeLessThanOrEqual(4096);
    expect(parts[0]!.message.text).toContain('640 учителей');
    expect(inlineButtons(all.at(-1)).length).toBeGreaterThan(0);
  });

  it('refuses an off-corpus question', async () => {
    const [answer] = await user().ask('Какая погода на Марсе?');
    expect(answer!.message.text).toContain('не нашёл');
  });

  it('rate-limits a user who asks too fast, with a friendly message', async () => {
    const u = user();
    for (let i = 0; i < 4; i++) await u.say('Сколько врачей в Шымкенте?');
    const replies = await u.waitForReplies(4);
    expect(replies.filter((r) => r.message.text.includes('Слишком много вопросов'))).toHaveLength(1);
    expect(replies.filter((r) => r.message.text.includes('300 молодых врачей'))).toHaveLength(3);
  });

  it('in a group answers only when mentioned', async () => {
    const g = user({ type: 'group', chatId: -4242 });
    await g.say('Сколько врачей в Шымкенте?');
    await new Promise((r) => setTimeout(r, 300));
    expect(g.replies()).toHaveLength(0);
    const [answer] = await g.ask(`@${EMULATOR_BOT_USERNAME} сколько врачей в Шымкенте?`);
    expect(answer!.message.text).toContain('300 молодых врачей');
  });
});

describe('streaming through the emulator', () => {
  let streaming: StartedBot;
  beforeAll(async () => {
    streaming = await startBotOn(emulator, new FakeEngine({ streamDelayMs: 15 }), { minEditIntervalMs: 100 });
  });
  afterAll(async () => {
    await streaming?.running.stop();
  });

  it('edits the placeholder as text arrives, then shows the formatted answer', async () => {
    const u = new SimulatedUser(emulator, streaming.token, { userId: 5555 });
    const seen: string[] = [];
    const record = () => {
      const text = u.replies()[0]?.message.text;
      if (text !== undefined && text !== seen.at(-1)) seen.push(text);
    };
    emulator.on('EditedMessageText', record);
    try {
      await u.say('Сколько врачей в Шымкенте?');
      await expect.poll(() => u.replies()[0]?.message.parse_mode, { timeout: 5000 }).toBe('HTML');
    } finally {
      emulator.off('EditedMessageText', record);
    }
    expect(u.replies()).toHaveLength(1);
    expect(seen.length).toBeGreaterThanOrEqual(3); // partial edits, then the final one
    expect(seen[0]).not.toContain('<b>');
    expect(seen.at(-1)).toContain('[1] <a href="https://example.kz/shymkent-doctors">');
  });
});

describe('graceful stop', () => {
  it('stops taking updates but finishes the answer in flight', async () => {
    // The answer is held in flight until the stop has begun, however loaded the machine is.
    let release: () => void = () => undefined;
    const hold = new Promise<void>((resolve) => { release = resolve; });
    const engine = new FakeEngine({ hold });
    const slow = await startBotOn(emulator, engine);
    const u = new SimulatedUser(emulator, slow.token, { userId: 7777 });
    await u.say('Сколько врачей в Шымкенте?');
    // Stop once the question has reached the engine and is still being answered. (The emulator marks an
    // update read when it hands it out: a loaded machine could stop the bot before the reply to that
    // getUpdates was read, and Telegram would hand the update to the next start instead.)
    await expect.poll(() => engine.calls.length, { timeout: 5000, interval: 10 }).toBe(1);
    expect(u.replies()).toHaveLength(0);
    const stopping = slow.running.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await stopping;
    expect(u.replies().map((r) => r.message.text).join()).toContain('300 молодых врачей');
  });
});

