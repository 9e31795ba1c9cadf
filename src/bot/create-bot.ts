import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, BotError, session } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from '../config.js';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../logger.js';
import { bestEffort, loggableError } from './best-effort.js';
import type { BotContext } from './context.js';
import type { BotDeps } from './deps.js';
import { adminFeature } from './features/admin.js';
import { callbacksFeature } from './features/callbacks.js';
import { commandsFeature } from './features/commands.js';
import { groupsFeature } from './features/groups.js';
import { inlineFeature } from './features/inline.js';
import { questionsFeature } from './features/questions.js';
import { regionFeature } from './features/region.js';
import { subscriptionsFeature } from './features/subscriptions.js';
import { unhandledFeature } from './features/unhandled.js';
import { InFlight } from './in-flight.js';
import { DEFAULT_EXAMPLE_QUESTIONS, messages } from '../texts/ru.js';
import { initialSession } from './session.js';
import type { RateCounter } from '../state/rate-counter.js';
import { RATE_WINDOW_MS, type BotState } from './state.js';
import type { Subscriptions } from './subscription-store.js';
import { MIN_EDIT_INTERVAL_MS } from './streaming.js';
import { TYPING_INTERVAL_MS } from './typing.js';

export interface CreateBotOptions {
  config: Config;
  logger: Logger;
  engine: Engine;
  /** Sessions, question log, user hashing, shared rate limit (src/bot/state.ts). */
  state: BotState;
  /** Counts updates being handled, so shutdown can wait for answers in flight. */
  inflight?: InFlight;
  exampleQuestions?: readonly string[];
  minEditIntervalMs?: number;
  typingIntervalMs?: number;
  /** Live-news subscriptions; without it /subscribe and friends are not offered. */
  subscriptions?: Subscriptions;
  /** Known bot identity; skips getMe (tests). */
  botInfo?: UserFromGetMe;
}

/** 429s are retried after Telegram's retry_after; 5xx and network errors a few times with backoff. */
const MAX_API_RETRIES = 3;
const MAX_RETRY_DELAY_SECONDS = 60;

/** Builds the bot: plugins, session, features and the error boundary. No I/O until it is started. */
export function createBot(token: string, options: CreateBotOptions): Bot<BotContext> {
  const { config, logger } = options;
  const inflight = options.inflight ?? new InFlight();
  const bot = new Bot<BotContext>(token, {
    ...(config.telegram.apiRoot ? { client: { apiRoot: config.telegram.apiRoot } } : {}),
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: MAX_API_RETRIES, maxDelaySeconds: MAX_RETRY_DELAY_SECONDS }));

  const perMinute = config.telegram.rateLimitPerMinute;
  const deps: BotDeps = {
    config,
    engine: options.engine,
    log: options.state.log,
    ids: options.state.ids,
    exampleQuestions: options.exampleQuestions ?? DEFAULT_EXAMPLE_QUESTIONS,
    questionLimit: limit<BotContext, RateCounter>({
      timeFrame: RATE_WINDOW_MS,
      limit: perMinute,
      // Hashed: the key is stored (in Redis with REDIS_URL), and no user id is stored in clear.
      keyGenerator: (ctx) => (ctx.from ? options.state.ids.key('user', ctx.from.id) : undefined),
      keyPrefix: 'zhauap:v1:rate:',
      ...(options.state.rateCounter ? { storageClient: options.state.rateCounter } : {}),
      onLimitExceeded: (ctx) => void notifyRateLimited(ctx, perMinute),
    }),
    minEditIntervalMs: options.minEditIntervalMs ?? MIN_EDIT_INTERVAL_MS,
    typingIntervalMs: options.typingIntervalMs ?? TYPING_INTERVAL_MS,
  };

  bot.use((ctx, next) => inflight.track(next()));
  bot.use((ctx, next) => {
    // The chat only as its hash: a private chat's id is the user's id, and chat ids never reach a log.
    ctx.logger = logger.child({ update: ctx.update.update_id, ...(ctx.chat ? { chat: options.state.ids.key('chat', ctx.chat.id) } : {}) });
    return next();
  });
  // Different chats are handled concurrently (runner), one chat strictly in order.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));

  const guarded = bot.errorBoundary(replyWithError);
  const { ids, sessions } = options.state;
  guarded.use(
    session({
      initial: initialSession,
      storage: sessions,
      // A chat id is a user id in private chats: stored keys carry only its hash.
      getSessionKey: (ctx) => (ctx.chat ? ids.key('chat', ctx.chat.id) : undefined),
    }),
  );
  guarded.use(
    commandsFeature(deps),
    regionFeature(deps),
    ...(options.subscriptions ? [subscriptionsFeature(options.subscriptions)] : []),
    adminFeature(deps),
    callbacksFeature(deps),
    inlineFeature(deps),
    groupsFeature(deps),
    questionsFeature(deps),
    unhandledFeature(),
  );

  // Last resort for errors outside the boundary (e.g. in the logger middleware itself).
  bot.catch((err) => logger.error({ err: loggableError(err.error), update: err.ctx.update.update_id }, 'unhandled bot error'));
  return bot;
}

async function notifyRateLimited(ctx: BotContext, perMinute: number): Promise<void> {
  const text = messages.rateLimited(perMinute);
  ctx.logger.info('rate limit hit');
  await bestEffort(ctx.logger, 'rate limit notice', async () => {
    if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    else if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat) await ctx.reply(text);
  });
}

/** The user gets a short apology; the log gets the details. */
async function replyWithError(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  const logger = ctx.logger;
  logger.error({ err: loggableError(err.error) }, 'update failed');
  await bestEffort(logger, 'error notice', async () => {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    else if (ctx.chat) await ctx.reply(messages.error);
  });
}
