/**
 * What citizens ask and how it went: every question, and every 👍/👎, kept for QUESTION_LOG_DAYS.
 * It feeds /stats and the gaps report (`npm run report`). Users appear only as salted hashes.
 * Two stores keep the same contract: files under STATE_DIR (default) and Redis (REDIS_URL).
 */

export type Vote = 'up' | 'down';

export interface QuestionRecord {
  /** Milliseconds since the epoch. */
  ts: number;
  /** Salted hash of the Telegram user id. */
  user: string;
  question: string;
  /** Region filter the answer was given under (the chosen region or one named in the question). */
  regions: string[];
  answered: boolean;
  mode: 'extractive' | 'llm';
  /** Update → final answer, milliseconds. */
  ms: number;
  /** Ids of the cited articles, in citation order. */
  cited: string[];
}

export interface FeedbackRecord {
  ts: number;
  user: string;
  answerId: string;
  question: string;
  /** The answer text the vote is about (plain text with [n] markers), clipped. */
  answer: string;
  vote: Vote;
}

export interface QuestionLog {
  recordQuestion(record: QuestionRecord): Promise<void>;
  recordFeedback(record: FeedbackRecord): Promise<void>;
  /** Records with ts ≥ sinceMs, oldest first. */
  questions(sinceMs: number): Promise<QuestionRecord[]>;
  feedback(sinceMs: number): Promise<FeedbackRecord[]>;
  /** Resolves when every record accepted so far is stored. */
  flush(): Promise<void>;
}

export const DEFAULT_RETENTION_DAYS = 90;
export const DAY_MS = 24 * 3600 * 1000;
/** Answers kept with a vote are clipped: the report needs what was said, not all of it. */
export const MAX_FEEDBACK_ANSWER_CHARS = 1000;
