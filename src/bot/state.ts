/**
 * Where the bot keeps what outlives one update: chat sessions, the rate-limit budget, the question
 * log and the salt behind every user hash. Files under STATE_DIR for one process (the default, no
 * server needed), Redis when REDIS_URL is set so that any replica can take any update.
 */
import type { StorageAdapter } from 'grammy';
import type { Config } from '../config.js';
import { FileQuestionLog } from '../insights/file-log.js';
import type { QuestionLog } from '../insights/question-log.js';
import { RedisQuestionLog } from '../insights/redis-log.js';
import { fileSalt, pseudonyms, redisSalt, type Pseudonyms } from '../state/pseudonym.js';
import { redisRateCounter, type RateCounter } from '../state/rate-counter.js';
import type { SharedRedis } from '../state/redis.js';
import { redisSessionStorage, tolerantStorage } from '../state/session-storage.js';
import type { SessionData } from './context.js';
import { fileSessionStorage } from './session.js';

export interface BotState {
  sessions: StorageAdapter<SessionData>;
  log: QuestionLog;
  ids: Pseudonyms;
  /** The shared rate-limit counter; absent: each process counts in memory. */
  rateCounter?: RateCounter;
}

/** The rate limiter's window; the Redis counter expires with it. */
export const RATE_WINDOW_MS = 60_000;

export async function fileBotState(config: Config): Promise<BotState> {
  const ids = pseudonyms(await fileSalt(config.stateDir));
  return {
    sessions: fileSessionStorage(config.stateDir),
    log: new FileQuestionLog(config.stateDir, { retentionDays: config.questionLogDays }),
    ids,
  };
}

export async function redisBotState(config: Config, redis: SharedRedis): Promise<BotState> {
  const ids = pseudonyms(await redisSalt(redis, config.stateDir));
  return {
    sessions: tolerantStorage(redisSessionStorage<SessionData>(redis), redis.degraded),
    log: new RedisQuestionLog(redis, { retentionDays: config.questionLogDays }),
    ids,
    rateCounter: redisRateCounter(redis, RATE_WINDOW_MS),
  };
}
