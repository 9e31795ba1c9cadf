/**
 * One running copy of the bot: its state (files, or Redis shared with the other replicas), the bot,
 * the way updates arrive (webhook or long polling), the leader lease that decides which replica
 * runs the background work, and the watch for index generations published by the others.
 *
 * Webhook replicas all take updates behind one URL; the leader alone registers that URL. Long polling
 * cannot be shared (Telegram answers a second getUpdates with 409), so with Redis only the leader
 * polls and the others wait as hot standbys.
 */
import type { Subscriptions } from './subscription-store.js';
import type { Config } from '../config.js';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../logger.js';
import { RedisLeader, SoleLeader, type Leadership } from '../cluster/leader.js';
import type { SharedRedis } from '../state/redis.js';
import type { UserFromGetMe } from 'grammy/types';
import type { Bot } from 'grammy';
import type { BotContext } from './context.js';
import { createBot } from './create-bot.js';
import { InFlight } from './in-flight.js';
import { startPolling, type RunningBot } from './lifecycle.js';
import { fileBotState, redisBotState, type BotState } from './state.js';
import { registerWebhook, startWebhook } from './webhook.js';

/** Work only the leader does (source polling, broadcasts): started on election, stopped on loss. */
export interface BackgroundTask {
  name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  config: Config;
  token: string;
  logger: Logger;
  engine: Engine;
  /** Connected when config.redis is set; the replica does not own it (the caller closes it). */
  redis?: SharedRedis;
  inflight?: InFlight;
  background?: BackgroundTask[];
  /** Live-news subscriptions: /subscribe and friends are offered when given. */
  subscriptions?: Subscriptions;
  /** How often CURRENT in the index directory is checked for a generation built elsewhere. */
  indexWatchMs?: number;
  /** Webhook server interface (default: all). */
  host?: string;
  exampleQuestions?: readonly string[];
  botInfo?: UserFromGetMe;
}

export interface Replica {
  bot: Bot<BotContext>;
  state: BotState;
  leader: Leadership;
  /** The webhook server's port (webhook mode). */
  port?: number;
  /** Rejects when updates stop arriving on their own (e.g. the token was revoked). */
  done: Promise<void>;
  /** Releases the lease, stops taking updates, waits for answers in flight. Safe to call twice. */
  stop(): Promise<void>;
}

export const INDEX_WATCH_MS = 5_000;

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const { config, logger, engine, redis } = options;
  const inflight = options.inflight ?? new InFlight();
  const state = redis ? await redisBotState(config, redis) : await fileBotState(config);
  const bot = createBot(options.token, {
    config,
    logger,
    engine,
    state,
    inflight,
    ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
    ...(options.exampleQuestions ? { exampleQuestions: options.exampleQuestions } : {}),
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  const telegram = config.telegram;
  const { mode, webhookSecret, port } = telegram;
  const webhookUrl = telegram.mode === 'webhook' ? telegram.webhookUrl : undefined;

  let failed!: (err: unknown) => void;
  const done = new Promise<void>((_, reject) => {
    failed = reject;
  });
  // Whoever starts the replica watches `done`; this keeps an unwatched one from crashing the process.
  done.catch(() => undefined);
  let polling: RunningBot | undefined;
  const background = options.background ?? [];
  const leader: Leadership = (() => {
    const hooks = {
      onElected: async () => {
        if (mode === 'webhook' && webhookUrl) await registerWebhook(bot, { url: webhookUrl, secret: webhookSecret, logger });
        if (mode === 'polling' && redis) {
          polling = await startPolling(bot, { logger, inflight });
          polling.done.catch(failed);
        }
        for (const task of background) await task.start();
      },
      onDeposed: async () => {
        for (const task of background) await task.stop().catch((err: unknown) => logger.error({ err, task: task.name }, 'background task did not stop cleanly'));
        if (polling && redis) {
          await polling.stop();
          polling = undefined;
        }
      },
    };
    return redis ? new RedisLeader(redis, { leaseMs: config.redis?.leaderLeaseMs, logger, hooks }) : new SoleLeader(hooks);
  })();

  let server: RunningBot | undefined;
  let serverPort: number | undefined;
  if (mode === 'webhook') {
    if (!webhookUrl) throw new Error('replica: WEBHOOK_URL is required in webhook mode');
    const webhook = await startWebhook(bot, {
      url: webhookUrl,
      secret: webhookSecret,
      port,
      ...(options.host ? { host: options.host } : {}),
      logger,
      inflight,
      register: false,
    });
    server = webhook;
    serverPort = webhook.port;
    webhook.done.catch(failed);
  } else if (!redis) {
    // One process: it polls from the start.
    server = await startPolling(bot, { logger, inflight });
    server.done.catch(failed);
  }
  await leader.start();

  const watch = setInterval(() => {
    engine.refresh?.().then(
      (swapped) => {
        if (swapped) logger.info({ stats: engine.stats().chunks }, 'index: swapped in a generation built by another process');
      },
      (err: unknown) => logger.warn({ err }, 'index: a newer generation could not be loaded; still serving the previous one'),
    );
  }, options.indexWatchMs ?? INDEX_WATCH_MS);
  watch.unref();

  let stopping: Promise<void> | undefined;
  return {
    bot,
    state,
    leader,
    ...(serverPort === undefined ? {} : { port: serverPort }),
    done,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(watch);
        await leader.stop();
        await server?.stop();
        await polling?.stop();
        await state.log.flush();
      })()),
  };
}
