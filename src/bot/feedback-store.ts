/**
 * Feedback (👍/👎) as JSONL and the counters behind admin /stats, under the state dir.
 * Users are stored only as salted sha256 hashes; the salt is created once and kept beside the data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write.js';

/** "Today" for the admins is the Kazakhstan calendar day. */
const STATS_TIME_ZONE = 'Asia/Almaty';
const KEEP_DAYS = 60;

export type Vote = 'up' | 'down';

export interface FeedbackRecord {
  ts: string;
  user: string;
  answerId: string;
  question: string;
  vote: Vote;
}

interface Counters {
  days: Record<string, { questions: number; refused: number }>;
  up: number;
  down: number;
}

export interface DailyStats {
  date: string;
  questions: number;
  refused: number;
  up: number;
  down: number;
}

export function calendarDay(at: Date, timeZone: string = STATS_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function hashUserId(userId: number, salt: string): string {
  return createHash('sha256').update(`${salt}:${userId}`).digest('hex');
}

async function readOrCreateSalt(file: string): Promise<string> {
  try {
    const salt = (await readFile(file, 'utf8')).trim();
    if (salt.length >= 16) return salt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const salt = randomBytes(16).toString('hex');
  await writeFileAtomic(file, salt, { mode: 0o600 });
  return salt;
}

async function readCounters(file: string): Promise<Counters> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Counters>;
    return { days: parsed.days ?? {}, up: parsed.up ?? 0, down: parsed.down ?? 0 };
  } catch {
    // Missing or damaged counters only cost history, never the bot.
    return { days: {}, up: 0, down: 0 };
  }
}

export class FeedbackStore {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly salt: string,
    private readonly counters: Counters,
    private readonly now: () => Date,
  ) {}

  static async open(stateDir: string, now: () => Date = () => new Date()): Promise<FeedbackStore> {
    await mkdir(stateDir, { recursive: true });
    const salt = await readOrCreateSalt(path.join(stateDir, 'feedback-salt'));
    const counters = await readCounters(path.join(stateDir, 'counters.json'));
    return new FeedbackStore(stateDir, salt, counters, now);
  }

  get feedbackFile(): string {
    return path.join(this.dir, 'feedback.jsonl');
  }

  recordQuestion(answered: boolean): Promise<void> {
    const day = calendarDay(this.now());
    const today = (this.counters.days[day] ??= { questions: 0, refused: 0 });
    today.questions += 1;
    if (!answered) today.refused += 1;
    return this.enqueue(() => this.saveCounters());
  }

  recordFeedback(input: { userId: number; answerId: string; question: string; vote: Vote }): Promise<void> {
    const record: FeedbackRecord = {
      ts: this.now().toISOString(),
      user: hashUserId(input.userId, this.salt),
      answerId: input.answerId,
      question: input.question,
      vote: input.vote,
    };
    this.counters[input.vote] += 1;
    return this.enqueue(async () => {
      await appendFile(this.feedbackFile, `${JSON.stringify(record)}\n`, 'utf8');
      await this.saveCounters();
    });
  }

  stats(): DailyStats {
    const date = calendarDay(this.now());
    const today = this.counters.days[date] ?? { questions: 0, refused: 0 };
    return { date, ...today, up: this.counters.up, down: this.counters.down };
  }

  /** Resolves when every write queued so far is on disk. */
  flush(): Promise<void> {
    return this.writes;
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const next = this.writes.then(write);
    // One failed write must not block the ones after it; the caller still sees the failure.
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async saveCounters(): Promise<void> {
    const days = Object.keys(this.counters.days).sort();
    for (const old of days.slice(0, Math.max(0, days.length - KEEP_DAYS))) delete this.counters.days[old];
    await writeFileAtomic(path.join(this.dir, 'counters.json'), JSON.stringify(this.counters));
  }
}
