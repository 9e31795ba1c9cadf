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

  /**
   * The entry id is the record's own time (`<ms>-*`), so ranges and the retention trim follow the
   * replicas' clock, not the server's. A replica whose clock is behind the stream's newest entry
   * gets a server-assigned id instead (XADD refuses ids that go back).
   */
  private async append(kind: 'questions' | 'feedback', record: { ts: number }): Promise<void> {
    const key = redisKey('log', kind);
    const minId = String(Math.max(0, this.now() - this.retentionMs));
    const add = (id: string) => this.redis.client.xadd(key, 'MINID', minId, id, 'r', JSON.stringify(record));
    await this.redis.orElse(
      `question log (${kind})`,
      () => add(`${Math.floor(record.ts)}-*`).catch((err: Error) => (/equal or smaller/.test(err.message) ? add('*') : Promise.reject(err))),
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
      const last = page[page.length - 1];
      if (!last) break;
      start = `(${last[0]}`;
    }
    return records.sort((a, b) => a.ts - b.ts);
  }
}
