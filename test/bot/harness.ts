/**
 * Runs the real bot (createBot) on hand-made updates with a recording Bot API in place of Telegram:
 * every API call is captured, and methods can be made to fail like an incomplete API server would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GrammyError, MemorySessionStorage, type Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import type { BotContext, SessionData } from '../../src/bot/context.js';
import { createBot } from '../../src/bot/create-bot.js';
import { fileBotState } from '../../src/bot/state.js';
import type { FileQuestionLog } from '../../src/insights/file-log.js';
import { InFlight } from '../../src/bot/in-flight.js';
import type { Engine } from '../../src/engine/engine.js';
import type { Subscriptions } from '../../src/bot/subscription-store.js';
import { FakeEngine } from './fake-engine.js';

export const BOT_INFO: UserFromGetMe = {
  id: 777,
  is_bot: true,
  first_name: 'Zhauap',
  username: 'zhauap_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export const TEST_EXAMPLES = [
  'Сколько жителей в Алматинской области?',
  'Сколько врачей в Шымкенте?',
  'Какие водохранилища обследует Министерство водных ресурсов?',
];

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
}

export function tempDir(prefix = 'zhauap-bot-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function testConfig(stateDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({ STATE_DIR: stateDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100', ...env }, stateDir);
}

export const silentLogger = () => pino({ level: 'silent' });

export interface TestBotOptions<E extends Engine = FakeEngine> {
  /** The engine behind the bot: a FakeEngine by default, or the real one over the seed corpus. */
  engine?: E;
  env?: Record<string, string>;
  stateDir?: string;
  /** Sessions as files under stateDir (the production default) instead of memory. */
  fileSessions?: boolean;
  /** Methods answered with a 400 error, as an API server that lacks them would. */
  failing?: string[];
  minEditIntervalMs?: number;
  subscriptions?: Subscriptions;
}

export interface TestBot<E extends Engine = FakeEngine> {
  bot: Bot<BotContext>;
  engine: E;
  /** The question log (files under stateDir). */
  log: FileQuestionLog;
  inflight: InFlight;
  calls: ApiCall[];
  stateDir: string;
  /** Feeds one update through the bot and waits until it is fully handled. */
  send(update: Update): Promise<void>;
  /** The texts of sendMessage calls, in order. */
  sentTexts(): string[];
  callsOf(method: string): ApiCall[];
}

export async function createTestBot(options?: TestBotOptions): Promise<TestBot>;
export async function createTestBot<E extends Engine>(options: TestBotOptions<E> & { engine: E }): Promise<TestBot<E>>;
export async function createTestBot(options: TestBotOptions<Engine> = {}): Promise<TestBot<Engine>> {
  const stateDir = options.stateDir ?? tempDir();
  const config = testConfig(stateDir, options.env);
  const engine = options.engine ?? new FakeEngine();
  const fileState = await fileBotState(config);
  const state = options.fileSessions ? fileState : { ...fileState, sessions: new MemorySessionStorage<SessionData>() };
  const inflight = new InFlight();
  const bot = createBot('123456:TEST-token-for-unit-tests-only-0000', {
    config,
    logger: silentLogger(),
    engine,
    state,
    inflight,
    exampleQuestions: TEST_EXAMPLES,
    minEditIntervalMs: options.minEditIntervalMs ?? 50,
    botInfo: BOT_INFO,
    ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
  });
  const calls: ApiCall[] = [];
  const failing = new Set(options.failing ?? []);
  let messageId = 1000;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p, at: Date.now() });
    if (failing.has(method)) {
      throw new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code: 400, description: `Bad Request: method ${method} is not available` }, method, p);
    }
    const result =
      method === 'sendMessage'
        ? { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: p.chat_id, type: 'private' }, text: p.text }
        : true;
    return { ok: true, result } as never;
  });
  await bot.init();
  return {
    bot,
    engine,
    log: fileState.log as FileQuestionLog,
    inflight,
    calls,
    stateDir,
    send: (update) => bot.handleUpdate(update),
    sentTexts: () => calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)),
    callsOf: (method) => calls.filter((c) => c.method === method),
  };
}

let updateId = 1;
const now = () => Math.floor(Date.now() / 1000);

export interface UpdateOptions {
  chatId?: number;
  userId?: number;
  chatType?: 'private' | 'group' | 'supergroup';
  replyToBot?: boolean;
}

function chatAndUser(o: UpdateOptions) {
  const userId = o.userId ?? 42;
  const chatType = o.chatType ?? 'private';
  const chat =
    chatType === 'private'
      ? { id: o.chatId ?? userId, type: 'private' as const, first_name: 'Айгуль' }
      : { id: o.chatId ?? -1001, type: chatType, title: 'Соседи' };
  return { chat, from: { id: userId, is_bot: false, first_name: 'Айгуль' } };
}

/** A message update from a user (private chat by default) with the given message fields. */
function messageUpdate(o: UpdateOptions, fields: Record<string, unknown>): Update {
  const { chat, from } = chatAndUser(o);
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: now(),
      chat,
      from,
      ...fields,
      ...(o.replyToBot
        ? { reply_to_message: { message_id: 1, date: now(), chat, from: { id: BOT_INFO.id, is_bot: true, first_name: 'Zhauap' }, text: 'ответ' } }
        : {}),
    },
  } as Update;
}

export function textUpdate(text: string, o: UpdateOptions = {}): Update {
  const command = /^\/\w+(@\w+)?/.exec(text);
  return messageUpdate(o, {
    text,
    ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
  });
}

export function stickerUpdate(o: UpdateOptions = {}): Update {
  return messageUpdate(o, {
    sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false },
  });
}

export function callbackUpdate(data: string, o: UpdateOptions & { messageId?: number } = {}): Update {
  const { chat, from } = chatAndUser(o);
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from,
      chat_instance: 'ci',
      data,
      message: { message_id: o.messageId ?? 1001, date: now(), chat, text: 'ответ' },
    },
  } as Update;
}

export function inlineUpdate(query: string, userId = 42): Update {
  return {
    update_id: updateId++,
    inline_query: { id: String(updateId), from: { id: userId, is_bot: false, first_name: 'Айгуль' }, query, offset: '' },
  } as Update;
}

/** Callback data of every inline button in a sendMessage/editMessageText payload. */
export function buttons(call: ApiCall | undefined): Array<{ text: string; callback_data?: string; url?: string }> {
  const markup = call?.payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string }>> } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}
