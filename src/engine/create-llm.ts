import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { FollowUpCondenser } from '../conversation/exchange.js';
import type { Answerer } from '../answer/answer.js';
import { createChatModel } from '../answer/llm/chat-model.js';
import { LlmAnswerer } from '../answer/llm/llm-answerer.js';
import { LlmCondenser, loadCondensePrompt } from '../conversation/llm-condenser.js';
import { DEFAULT_PROMPTS_DIR, loadAnswerPrompt } from '../answer/llm/prompts.js';

export interface Llm {
  answerer(fallback: Answerer): Answerer;
  condenser(fallback: FollowUpCondenser): FollowUpCondenser;
}

// A rewritten question is one line; a small cap keeps a rambling model fast.
const CONDENSE_MAX_TOKENS = 120;

/**
 * The generative parts, or undefined when no LLM is configured. Prompts are read here, so a broken
 * prompt file fails at startup rather than on the first question.
 */
export function createLlm(
  config: Config['llm'],
  logger: Logger,
  promptsDir: string = DEFAULT_PROMPTS_DIR,
  /** Other configured secrets (the bot token): no answer may contain them. The LLM key is added here. */
  secrets: readonly string[] = [],
): Llm | undefined {
  if (!config) return undefined;
  const answerPrompt = loadAnswerPrompt(promptsDir);
  const condensePrompt = loadCondensePrompt(promptsDir);
  const log = logger.child({ module: 'llm', model: config.model });
  const answerModel = createChatModel(config, log);
  const condenseModel = createChatModel(config, log, Math.min(config.maxTokens, CONDENSE_MAX_TOKENS));
  const allSecrets = [...secrets, ...(config.apiKey ? [config.apiKey] : [])];
  return {
    answerer: (fallback) =>
      new LlmAnswerer({ model: answerModel, prompt: answerPrompt, fallback, logger: log, timeoutMs: config.timeoutMs, secrets: allSecrets }),
    condenser: (fallback) =>
      new LlmCondenser({ model: condenseModel, prompt: condensePrompt, fallback, logger: log, timeoutMs: config.timeoutMs }),
  };
}
