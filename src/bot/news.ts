/**
 * Live news in a running replica: where its state lives, and the background task that polls the
 * sources and pushes what is new. Files under STATE_DIR for one process; with REDIS_URL, Redis, so a
 * /subscribe taken by any replica reaches the leader that pushes, and a new leader continues the poll
 * state and the push ledger where the old one stopped.
 */
import type { Api } from 'grammy';
import type { Config } from '../config.js';
import { startLiveNews, type LiveNews } from '../engine/live-news.js';
import type { LocalEngine } from '../engine/local-engine.js';
import type { Logger } from '../logger.js';
import type { FetcherOptions } from '../sources/fetcher.js';
import { emptySourceState, PollState, type PollStateStore, type SourceState } from '../sources/poll-state.js';
import { fileSalt, pseudonyms, redisSalt, type Pseudonyms } from '../state/pseudonym.js';
import { FilePushLedger, RedisPushLedger, type PushLedger } from '../state/push-ledger.js';
import type { SharedRedis } from '../state/redis.js';
import { RedisPollState, RedisSubscriptionStore } from '../state/subscriptions.js';
import { createPusher, type NewsItem } from './push.js';
import type { BackgroundTask } from './replica.js';
import { FileSubscriptions, MAX_SUBSCRIPTIONS, sameSubscription, type Subscription, type Subscriptions } from './subscription-store.js';

export interface NewsState {
  subscriptions: Subscriptions;
  ledger: PushLedger<NewsItem>;
  /** Chats in logs and ledger keys only as these hashes. */
  ids: Pseudonyms;
  /** Opened by each new leader: it continues from what the previous one saved. */
  openPollState(): Promise<PollStateStore>;
}

export async function fileNewsState(config: Config): Promise<NewsState> {
  return {
    subscriptions: await FileSubscriptions.open(config.stateDir),
    ledger: await FilePushLedger.open<NewsItem>(config.stateDir),
    ids: pseudonyms(await fileSalt(config.stateDir)),
    openPollState: () => PollState.open(config.stateDir),
  };
}

/** Subscriptions, poll state and push ledger under zhauap:v1: (see state/subscriptions.ts, state/push-ledger.ts). */
export async function redisNewsState(config: Config, redis: SharedRedis): Promise<NewsState> {
  const ids = pseudonyms(await redisSalt(redis, config.stateDir));
  return {
    subscriptions: new RedisSubscriptionStore<Subscription>(redis, { max: MAX_SUBSCRIPTIONS, same: sameSubscription }),
    ledger: new RedisPushLedger<NewsItem>(redis, ids),
    ids,
    openPollState: () => RedisPollState.open<SourceState>(redis, emptySourceState),
  };
}

export function openNewsState(config: Config, redis?: SharedRedis): Promise<NewsState> {
  return redis ? redisNewsState(config, redis) : fileNewsState(config);
}

export interface LiveNewsTaskOptions {
  config: Config;
  logger: Logger;
  /** The serving index new articles go into; null: store and push only. */
  engine: Pick<LocalEngine, 'updateIndex'> | null;
  news: NewsState;
  /** Throttled (broadcastApi in push.ts). */
  api: Pick<Api, 'sendMessage'>;
  fetcher?: Partial<FetcherOptions>;
}

/** Polling and pushing as the leader's background work: started on election, stopped when deposed. */
export function liveNewsTask(options: LiveNewsTaskOptions): BackgroundTask {
  const { config, logger, engine, news } = options;
  const pusher = createPusher({ api: options.api, subscriptions: news.subscriptions, ledger: news.ledger, ids: news.ids, logger, leaseMs: config.sources.pushLeaseMs });
  let running: LiveNews | null = null;
  return {
    name: 'live-news',
    start: async () => {
      running = await startLiveNews(config, logger, engine, {
        pollState: await news.openPollState(),
        onFresh: (articles) => pusher.notify(articles),
        afterPoll: () => pusher.resume(),
        ...(options.fetcher ? { fetcher: options.fetcher } : {}),
      });
    },
    stop: async () => {
      await running?.stop();
      running = null;
    },
  };
}
