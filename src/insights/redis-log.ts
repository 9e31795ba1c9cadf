/**
 * The question log in Redis streams (`zhauap:v1:log:questions`, `zhauap:v1:log:feedback`). A stream id
 * is its time, so "since a week ago" is an XRANGE and retention is XADD's MINID trim: the log never
 * grows past QUESTION_LOG_DAYS. A record that cannot be written while Redis is down is dropped with
 * the once-a-minute warning; the answer it belongs to was already sent.
 */
import { redisKey, type SharedRedis } from '../state/redis.js';
import { DAY_MS, DEFAULT_RETENTION_DAYS, type FeedbackRecord, type QuestionLog, type QuestionRecord } from './question-log.js';

const PAGE = 1000;
/** Replica clocks and the server's differ a little; reads start this much earlier and filter by ts. */
const CLOCK_SLACK_MS = 60_000;

export class RedisQuestionLog implements QuestionLog {
  private readonly retentionMs: number;

  constructor(
    private readonly redis: SharedRedis,
    options: { retentionDays?: number; now?: () => number } = {},
  ) {
    this.retentionMs = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS;
    this.now = options.now ?? Date.now;
  }

  private readonly now: () => number;

  recordQuestion(record: QuestionRecord): Promise<void> {
    return this.append('questions', record);
  }

  recordFeedback(record: FeedbackRecord): Promise<void> {
    return this.append('feedback', record);
  }

  questions(sinceMs: number): Promise<QuestionRecord[]> {
    return this.read<QuestionRecord>('questions', sinceMs);
  }

  feedback(sinceMs: number): Promise<FeedbackRecord[]> {
    return this.read<FeedbackRecord>('feedback', sinceMs);
  }

  async flush(): Promise<void> {
    // Writes complete before their promise resolves; nothing is buffered.
  }

  private async append(kind: 'questions' | 'feedback', record: object): Promise<void> {
    const minId = String(Math.max(0, this.now() - this.retentionMs));
    await this.redis.orElse(
      `question log (${kind})`,
      () => this.redis.client.xadd(redisKey('log', kind), 'MINID', '~', minId, '*', 'r', JSON.stringify(record)),
      null,
    );
  }

  private async read<T extends { ts: number }>(kind: 'questions' | 'feedback', sinceMs: number): Promise<T[]> {
    const key = redisKey('log', kind);
    const records: T[] = [];
    let start = String(Math.max(0, sinceMs - CLOCK_SLACK_MS));
    for (;;) {
      const page = await this.redis.client.xrange(key, start, '+', 'COUNT', PAGE);
      for (const [, fields] of page) {
        const json = fields[fields.indexOf('r') + 1];
        if (json === undefined) continue;
        const record = JSON.parse(json) as T;
        if (record.ts >= sinceMs) records.push(record);
      }
      if (page.length < PAGE) break;
      start = `(${page[page.length - 1]![0]}`;
    }
    return records.sort((a, b) => a.ts - b.ts);
  }
}
