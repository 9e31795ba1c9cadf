/** One contract, two stores: the same tests run on the files store and on a real Redis. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileQuestionLog } from '../../src/insights/file-log.js';
import { DAY_MS, type FeedbackRecord, type QuestionLog, type QuestionRecord } from '../../src/insights/question-log.js';
import { RedisQuestionLog } from '../../src/insights/redis-log.js';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { silentLogger, tempDir } from '../bot/harness.js';
import { TestRedis } from '../helpers/redis-server.js';

let redis: TestRedis;
let shared: SharedRedis;
let db = 0;

beforeAll(async () => {
  redis = await TestRedis.start();
});
afterAll(async () => {
  await shared?.close();
  await redis?.stop();
});

const NOW = Date.UTC(2026, 0, 20, 12);
const question = (daysAgo: number, text: string, answered: boolean): QuestionRecord => ({
  ts: NOW - daysAgo * DAY_MS,
  user: 'f'.repeat(64),
  question: text,
  regions: [],
  answered,
  mode: 'extractive',
  ms: 120,
  cited: answered ? ['a1'] : [],
});
const vote = (daysAgo: number): FeedbackRecord => ({
  ts: NOW - daysAgo * DAY_MS, user: 'e'.repeat(64), answerId: 'x', question: 'Сколько врачей?', answer: 'Нет данных [1]', vote: 'down',
});

const stores: Array<[string, (now: () => number) => Promise<QuestionLog>]> = [
  ['files', async (now) => new FileQuestionLog(tempDir('zhauap-log-'), { retentionDays: 30, now })],
  [
    'redis',
    async (now) => {
      // A fresh database per store keeps the cases apart on one server.
      shared?.client.disconnect();
      shared = await connectRedis(`${redis.url}/${++db}`, silentLogger());
      return new RedisQuestionLog(shared, { retentionDays: 30, now });
    },
  ],
];

describe.each(stores)('question log on %s', (_name, open) => {
  it('returns what was recorded since a time, oldest first', async () => {
    const log = await open(() => NOW);
    await log.recordQuestion(question(0, 'сегодня', true));
    await log.recordQuestion(question(3, 'три дня назад', false));
    await log.recordQuestion(question(9, 'девять дней назад', false));
    await log.recordFeedback(vote(1));
    await log.flush();
    expect((await log.questions(NOW - 7 * DAY_MS)).map((q) => q.question)).toEqual(['три дня назад', 'сегодня']);
    expect(await log.feedback(NOW - 7 * DAY_MS)).toEqual([vote(1)]);
  });

  it('forgets records older than the retention', async () => {
    let now = NOW - 40 * DAY_MS;
    const log = await open(() => now);
    await log.recordQuestion({ ...question(0, 'давно', false), ts: now });
    now = NOW;
    await log.recordQuestion(question(0, 'сейчас', true));
    await log.flush();
    expect((await log.questions(0)).map((q) => q.question)).toEqual(['сейчас']);
  });
});
