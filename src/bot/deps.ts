import type { Middleware } from 'grammy';
import type { Config } from '../config.js';
import type { Engine } from '../engine/engine.js';
import type { BotContext } from './context.js';
import type { QuestionLog } from '../insights/question-log.js';
import type { Pseudonyms } from '../state/pseudonym.js';

/** What the features share; built once by createBot. */
export interface BotDeps {
  config: Config;
  engine: Engine;
  /** Every question and vote, for /stats and the gaps report. */
  log: QuestionLog;
  ids: Pseudonyms;
  exampleQuestions: readonly string[];
  /** Per-user question limit (config.telegram.rateLimitPerMinute). */
  questionLimit: Middleware<BotContext>;
  minEditIntervalMs: number;
  typingIntervalMs: number;
}
