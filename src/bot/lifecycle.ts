/** Starting and stopping the bot: profile setup, long polling with the runner, graceful shutdown. */
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Logger } from '../logger.js';
import { bestEffort } from './best-effort.js';
import type { BotContext } from './context.js';
import type { InFlight } from './in-flight.js';
import { messages } from '../texts/ru.js';

export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;
/** How long shutdown waits for answers in flight before giving up on them. */
export const DRAIN_TIMEOUT_MS = 25_000;

export interface RunningBot {
  /** Stops taking updates, then waits for the ones in flight. Safe to call more than once. */
  stop(): Promise<void>;
  /** Rejects if the bot stops on its own (e.g. the token was revoked). */
  done: Promise<void>;
}

/** Command list and menu button; both optional, so failures are only logged. */
export async function setupBotProfile(bot: Bot<BotContext>, logger: Logger): Promise<void> {
  const c = messages.commands;
  const commands = [
    { command: 'start', description: c.start },
    { command: 'help', description: c.help },
    { command: 'sources', description: c.sources },
    { command: 'latest', description: c.latest },
    { command: 'region', description: c.region },
    { command: 'ask', description: c.ask },
    { command: 'subscribe', description: c.subscribe },
    { command: 'subscriptions', description: c.subscriptions },
    { command: 'unsubscribe', description: c.unsubscribe },
  ];
  await bestEffort(logger, 'setMyCommands', () => bot.api.setMyCommands(commands));
  await bestEffort(logger, 'setChatMenuButton', () => bot.api.setChatMenuButton({ menu_button: { type: 'commands' } }));
}

/** getMe (bot.init) is retried on network errors; the log line keeps a start with Telegram unreachable from looking hung. */
export async function connect(bot: Bot<BotContext>, logger: Logger, mode: 'polling' | 'webhook'): Promise<void> {
  logger.info({ mode }, 'bot: connecting to the Bot API');
  await bot.init();
}

export interface PollingOptions {
  logger: Logger;
  inflight: InFlight;
  drainTimeoutMs?: number;
}

export async function startPolling(bot: Bot<BotContext>, options: PollingOptions): Promise<RunningBot> {
  const { logger, inflight } = options;
  await connect(bot, logger, 'polling');
  await setupBotProfile(bot, logger);
  // A webhook left from an earlier run would make getUpdates fail with 409.
  await bestEffort(logger, 'deleteWebhook', () => bot.api.deleteWebhook());
  // The runner retries failed getUpdates calls itself; this puts those failures into the JSON log.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (err) {
      if (method === 'getUpdates' && !signal?.aborted) logger.warn({ err }, 'getUpdates failed, retrying');
      throw err;
    }
  });
  const handle: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true } });
  logger.info({ username: bot.botInfo.username, mode: 'polling' }, 'bot started');
  const done = (handle.task() ?? Promise.resolve()).then(() => undefined);
  return {
    done,
    stop: once(async () => {
      if (handle.isRunning()) await handle.stop();
      const drained = await inflight.drain(options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS);
      logger.info({ drained, abandoned: inflight.size }, 'bot stopped');
    }),
  };
}

export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

/** SIGINT/SIGTERM: stop once, finish answers in flight, exit 0 (1 if stopping itself failed). */
export function installShutdown(
  stop: () => Promise<void>,
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  const shutdown = once(async () => {
    try {
      await stop();
      exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      exit(1);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      void shutdown();
    });
  }
}

/**
 * Last line of defence: an error no handler caught (a rejected promise nobody awaited, a throw in a
 * timer or a socket callback) is logged and the bot keeps serving. Every request handler and background
 * task has its own boundary; reaching this one is a bug to fix, not a reason to drop every chat.
 */
export function installProcessGuards(logger: Logger, proc: NodeJS.EventEmitter = process): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled rejection (kept running)');
  });
  proc.on('uncaughtException', (err: Error) => {
    logger.error({ err }, 'uncaught exception (kept running)');
  });
}
