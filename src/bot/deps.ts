import type { Middleware } from 'grammy';
import type { Config } from '../config.js';
import type { Engine } from '../engine/engine.js';
import type { BotContext } from './context.js';
import type { FeedbackStore } from './feedback-store.js';

/** What the features share; built once by createBot. */
export interface BotDeps {
  config: Config;
  engine: Engine;
  feedback: FeedbackStore;
  exampleQuestions: readonly string[];
  /** Per-user question limit (config.telegram.rateLimitPerMinute). */
  questionLimit: Middleware<BotContext>;
  minEditIntervalMs: number;
  typingIntervalMs: number;
}
