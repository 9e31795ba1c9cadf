import type { Context, SessionFlavor } from 'grammy';
import type { Logger } from '../logger.js';
import type { Exchange } from '../conversation/exchange.js';

/** What an answer's buttons need later: the citations for "📄 Фрагмент n" and the id for feedback. */
export interface RememberedAnswer {
  /** Short key used in callback data (≤ 64 bytes in total). */
  key: string;
  answerId: string;
  question: string;
  /** The answer text (clipped), kept so a 👎 can be reported with what was said. */
  answer?: string;
  citations: Array<{ n: number; title: string; url: string | null; source: string; quote: string }>;
  /** Topics offered after a refusal (article titles); their buttons ask them. Absent in older sessions. */
  suggestions?: string[];
  voted?: 'up' | 'down';
}

/** Per-chat state, persisted by the session storage so it survives restarts. */
export interface SessionData {
  region?: { id: string; name: string };
  /** The last exchange, for follow-up questions: the standalone question the engine answered, and its answer. */
  last?: Exchange;
  /** Most recent answers first; a small LRU bounded by rememberAnswer(). */
  answers: RememberedAnswer[];
}

export interface LoggerFlavor {
  /** Child logger carrying the update id and chat id. */
  logger: Logger;
}

export type BotContext = Context & SessionFlavor<SessionData> & LoggerFlavor;
