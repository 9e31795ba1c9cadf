/**
 * The question log as JSON lines under STATE_DIR, one file per UTC day (`questions/2025-12-24.jsonl`,
 * `feedback/2025-12-24.jsonl`): retention is deleting whole old files, and a query for the last week
 * reads eight files, not the whole history.
 */
import { appendFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { DAY_MS, DEFAULT_RETENTION_DAYS, type FeedbackRecord, type QuestionLog, type QuestionRecord } from './question-log.js';

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface FileLogOptions {
  retentionDays?: number;
  now?: () => number;
}

export class FileQuestionLog implements QuestionLog {
  private writes: Promise<void> = Promise.resolve();
  private readonly retentionDays: number;
  private readonly now: () => number;
  private prunedFor = '';

  constructor(
    readonly stateDir: string,
    options: FileLogOptions = {},
  ) {
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.now = options.now ?? Date.now;
  }

  recordQuestion(record: QuestionRecord): Promise<void> {
    return this.append('questions', record.ts, record);
  }

  recordFeedback(record: FeedbackRecord): Promise<void> {
    return this.append('feedback', record.ts, record);
  }

  questions(sinceMs: number): Promise<QuestionRecord[]> {
    return this.read<QuestionRecord>('questions', sinceMs);
  }

  feedback(sinceMs: number): Promise<FeedbackRecord[]> {
    return this.read<FeedbackRecord>('feedback', sinceMs);
  }

  flush(): Promise<void> {
    return this.writes;
  }

  private append(kind: 'questions' | 'feedback', ts: number, record: object): Promise<void> {
    const dir = path.join(this.stateDir, kind);
    const line = `${JSON.stringify(record)}\n`;
    const next = this.writes.then(async () => {
      await mkdir(dir, { recursive: true });
      await appendFile(path.join(dir, `${utcDay(ts)}.jsonl`), line, 'utf8');
      await this.prune();
    });
    // One failed write must not block the ones after it; the caller still sees the failure.
    this.writes = next.catch(() => undefined);
    return next;
  }

  /** Once a day: files older than the retention go. */
  private async prune(): Promise<void> {
    const today = utcDay(this.now());
    if (this.prunedFor === today) return;
    this.prunedFor = today;
    const oldest = utcDay(this.now() - this.retentionDays * DAY_MS);
    for (const kind of ['questions', 'feedback']) {
      const dir = path.join(this.stateDir, kind);
      const names = await readdir(dir).catch(() => [] as string[]);
      const old = names.filter((n) => (DAY_FILE.exec(n)?.[1] ?? '9999') < oldest);
      await Promise.all(old.map((n) => rm(path.join(dir, n), { force: true })));
    }
  }

  private async read<T extends { ts: number }>(kind: 'questions' | 'feedback', sinceMs: number): Promise<T[]> {
    await this.writes;
    const dir = path.join(this.stateDir, kind);
    const from = utcDay(sinceMs);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => (DAY_FILE.exec(n)?.[1] ?? '') >= from).sort();
    const records: T[] = [];
    for (const name of names) {
      for (const line of (await readFile(path.join(dir, name), 'utf8')).split('\n')) {
        if (!line) continue;
        try {
          const record = JSON.parse(line) as T;
          if (record.ts >= sinceMs) records.push(record);
        } catch {
          // A line torn by a crash mid-append costs that one record.
        }
      }
    }
    return records.sort((a, b) => a.ts - b.ts);
  }
}
