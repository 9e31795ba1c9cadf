import { createHash } from 'node:crypto';
import path from 'node:path';
import type { StorageAdapter } from 'grammy';
import { FileAdapter } from '@grammyjs/storage-file';
import type { Answer } from '../answer/answer.js';
import { MAX_FEEDBACK_ANSWER_CHARS } from '../insights/question-log.js';
import type { Exchange } from '../conversation/exchange.js';
import type { RememberedAnswer, SessionData } from './context.js';

export const REMEMBERED_ANSWERS = 8;
/** Quotes are shown as a message; this keeps each session file small. */
const MAX_QUOTE_CHARS = 1500;
/** Enough of the previous answer for a condenser to see what it was about. */
const MAX_HISTORY_ANSWER_CHARS = 1000;

export function initialSession(): SessionData {
  return { answers: [] };
}

/** Sessions as JSON files under the state dir; an unreadable file starts a fresh session instead of failing. */
export function fileSessionStorage(stateDir: string): StorageAdapter<SessionData> {
  return new FileAdapter<SessionData>({
    dirName: path.join(stateDir, 'sessions'),
    serializer: (value) => JSON.stringify(value),
    deserializer: (text) => {
      try {
        return JSON.parse(text) as SessionData;
      } catch {
        return initialSession();
      }
    },
  });
}

/** A short, URL-safe key for an answer id, unique enough within one chat's few remembered answers. */
export function answerKey(answerId: string, salt: number): string {
  return createHash('sha256').update(`${answerId}:${salt}`).digest('base64url').slice(0, 10);
}

/** Stores the answer's citations at the front of the session LRU and returns its key. */
export function rememberAnswer(session: SessionData, answer: Answer, askedAt: number): string {
  const key = answerKey(answer.id, askedAt);
  const entry: RememberedAnswer = {
    key,
    answerId: answer.id,
    question: answer.question,
    answer: answer.answer.slice(0, MAX_FEEDBACK_ANSWER_CHARS),
    citations: answer.citations.map((c) => ({
      n: c.n,
      title: c.title,
      url: c.url,
      source: c.source,
      quote: c.quote.length > MAX_QUOTE_CHARS ? `${c.quote.slice(0, MAX_QUOTE_CHARS - 1)}…` : c.quote,
    })),
    ...(answer.answered || answer.suggestions.length === 0 ? {} : { suggestions: answer.suggestions }),
  };
  session.answers = [entry, ...(session.answers ?? []).filter((a) => a.key !== key)].slice(0, REMEMBERED_ANSWERS);
  return key;
}

export function findAnswer(session: SessionData, key: string): RememberedAnswer | undefined {
  return (session.answers ?? []).find((a) => a.key === key);
}

/**
 * The exchange kept for follow-ups: the standalone question the engine answered (so the next turn
 * resolves against "Сколько врачей не хватает в Шымкенте?", not a bare "а в Шымкенте?"), its text and the
 * articles it cited.
 */
export function lastExchange(answer: Pick<Answer, 'question' | 'standalone' | 'answer' | 'answered' | 'citations'>): Exchange {
  const sources = answer.answered ? [...new Set(answer.citations.map((c) => c.articleId))] : [];
  return {
    question: answer.standalone.trim() || answer.question,
    answer: answer.answer.slice(0, MAX_HISTORY_ANSWER_CHARS),
    ...(sources.length > 0 ? { sources } : {}),
  };
}
