/**
 * End-to-end plumbing: telegram-test-api on 127.0.0.1 (a Bot API emulator), the real bot started with
 * long polling against it (apiRoot), and simulated users who send messages and read the bot's replies.
 */
import type { RequestListener } from 'node:http';
import { freePort } from '../helpers/free-port.js';
import { TelegramServer, type StoredBotUpdate } from 'telegram-test-api/lib/telegramServer.js';
import { createBot } from '../../src/bot/create-bot.js';
import { fileBotState, type BotState } from '../../src/bot/state.js';
import { InFlight } from '../../src/bot/in-flight.js';
import { startPolling, type RunningBot } from '../../src/bot/lifecycle.js';
import type { Engine } from '../../src/engine/engine.js';
import type { Logger } from '../../src/logger.js';
import { silentLogger, tempDir, testConfig } from '../bot/harness.js';

export type Emulator = TelegramServer;


export async function startEmulator(): Promise<Emulator> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
  holdIdlePolls(server);
  await server.start();
  return server;
}

/** How long an idle getUpdates is held open; Telegram holds it for the request's timeout (grammY asks 30 s). */
const LONG_POLL_MS = 1000;

/**
 * telegram-test-api answers getUpdates at once, empty or not, so every bot polling it (in this process
 * or a child) spun in a request loop and kept a core busy for as long as it ran. Here a getUpdates with
 * nothing for its bot waits, as Telegram's long polling does, until a user's update arrives (then it is
 * answered at once) or LONG_POLL_MS passes. A poll whose client went away is dropped, not answered, so
 * it cannot take an update with it.
 */
function holdIdlePolls(server: TelegramServer): void {
  const app = server['webServer'] as unknown as RequestListener & { settings: unknown };
  const waiting = new Set<() => void>();
  const wake = () => {
    for (const answer of [...waiting]) answer();
  };
  for (const event of ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery']) server.on(event, wake);
  const handler: RequestListener = (req, res) => {
    const token = /^\/bot([^/]+)\/getUpdates\b/.exec(req.url ?? '')?.[1];
    const pending = () => server.storage.userMessages.some((m) => m.botToken === token && !m.isRead);
    if (token === undefined || pending()) {
      app(req, res);
      return;
    }
    const settle = () => {
      waiting.delete(answer);
      clearTimeout(timer);
      res.off('close', settle);
    };
    const answer = () => {
      settle();
      app(req, res);
    };
    const timer = setTimeout(answer, LONG_POLL_MS);
    waiting.add(answer);
    res.once('close', settle);
  };
  server['webServer'] = Object.assign(handler, { settings: app.settings }) as unknown as typeof server['webServer'];
  // Held polls are answered before the server shuts down, which waits for open requests.
  const stop = server.stop.bind(server);
  server.stop = async () => {
    wake();
    return stop();
  };
}

/** The emulator's getMe always answers with this name. */
export const EMULATOR_BOT_USERNAME = 'TestNameBot';

let tokenCounter = 0;

export interface StartedBot {
  token: string;
  running: RunningBot;
  state: BotState;
}

export async function startBotOn(
  emulator: Emulator,
  engine: Engine,
  options: { env?: Record<string, string>; minEditIntervalMs?: number; exampleQuestions?: string[]; logger?: Logger } = {},
): Promise<StartedBot> {
  // Each bot gets its own token, so several bots can share one emulator without stealing updates.
  const token = `${100000 + ++tokenCounter}:E2E-token-${'x'.repeat(30)}`;
  const stateDir = tempDir('zhauap-e2e-');
  const config = testConfig(stateDir, { TELEGRAM_API_ROOT: emulator.config.apiURL, ...options.env });
  const logger = options.logger ?? silentLogger();
  const state = await fileBotState(config);
  const inflight = new InFlight();
  const bot = createBot(token, {
    config, logger, engine, state, inflight,
    ...(options.exampleQuestions ? { exampleQuestions: options.exampleQuestions } : {}),
    ...(options.minEditIntervalMs ? { minEditIntervalMs: options.minEditIntervalMs } : {}),
  });
  const running = await startPolling(bot, { logger, inflight });
  return { token, running, state };
}

export interface UserOptions {
  userId: number;
  chatId?: number;
  type?: 'private' | 'group' | 'supergroup';
}

/** A person in a chat with the bot. */
export class SimulatedUser {
  private readonly client;
  readonly chatId: number;

  constructor(private readonly emulator: Emulator, private readonly token: string, options: UserOptions) {
    this.chatId = options.chatId ?? options.userId;
    this.client = emulator.getClient(token, {
      userId: options.userId,
      chatId: this.chatId,
      type: options.type ?? 'private',
      firstName: 'Айгуль',
      userName: `user${options.userId}`,
    });
  }

  /** Everything the bot has sent to this chat so far (edits applied in place). */
  replies(): StoredBotUpdate[] {
    return this.emulator.storage.botMessages.filter(
      (u) => u.botToken === this.token && String(u.message.chat_id) === String(this.chatId),
    );
  }

  async say(text: string, extra: Record<string, unknown> = {}): Promise<void> {
    if (text.startsWith('/')) await this.client.sendCommand(this.client.makeCommand(text, extra));
    else await this.client.sendMessage(this.client.makeMessage(text, extra));
  }

  async tap(data: string, messageId: number): Promise<void> {
    await this.client.sendCallback(this.client.makeCallbackQuery(data, { message: { message_id: messageId } }));
  }

  /** Waits until the chat holds at least `count` bot messages; returns the new ones. */
  async waitForReplies(count: number, after = 0, timeoutMs = 5000): Promise<StoredBotUpdate[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies().length - after < count) {
      if (Date.now() > deadline) {
        throw new Error(`e2e: chat ${this.chatId} got ${this.replies().length - after} of ${count} replies in ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.replies().slice(after);
  }

  /** Sends a message and returns the bot's replies to it once `count` have arrived. */
  async ask(text: string, count = 1): Promise<StoredBotUpdate[]> {
    const before = this.replies().length;
    await this.say(text);
    return this.waitForReplies(count, before);
  }
}

export function inlineButtons(update: StoredBotUpdate | undefined): Array<{ text: string; url?: string; callback_data?: string }> {
  const markup = update?.message.reply_markup as { inline_keyboard?: Array<Array<{ text: string; url?: string; callback_data?: string }>> } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}
