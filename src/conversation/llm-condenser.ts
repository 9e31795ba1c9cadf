import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatPromptTemplate } from '@langchain/core/prompts';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Exchange, FollowUpCondenser } from './exchange.js';
import { complete, describeFailure } from '../answer/llm/chat-model.js';
import { DEFAULT_PROMPTS_DIR, escapeData, loadChatPrompt } from '../answer/llm/prompts.js';

export interface LlmCondenserOptions {
  model: BaseChatModel;
  /** The condense prompt (prompts/condense.md). */
  prompt: ChatPromptTemplate;
  /** Used when the model fails, stalls or replies with something that is not a question. */
  fallback: FollowUpCondenser;
  logger: Logger;
  timeoutMs: number;
}

const MAX_QUESTION_CHARS = 400;

/** The rewritten question from a reply: its first line, without a label or quotes; undefined when unusable. */
export function standaloneQuestion(reply: string): string | undefined {
  const line = reply
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  const question = line
    ?.replace(/^самостоятельный вопрос\s*:\s*/i, '')
    .replace(/^["«“]+|["»”]+$/g, '')
    .trim();
  return question && question.length <= MAX_QUESTION_CHARS ? question : undefined;
}

/** The condense prompt (prompts/condense.md), read at startup so a broken file fails early. */
export function loadCondensePrompt(dir: string = DEFAULT_PROMPTS_DIR): ChatPromptTemplate {
  return loadChatPrompt(path.join(dir, 'condense.md'), ['previous_question', 'previous_answer', 'question']);
}

// The previous answer only tells the model what the talk is about; its start is enough.
const PREVIOUS_ANSWER_CHARS = 1200;

export function condenseMessages(prompt: ChatPromptTemplate, question: string, previous: Exchange): Promise<BaseMessage[]> {
  const answer = previous.answer.replace(/\[\d+\]/g, '').slice(0, PREVIOUS_ANSWER_CHARS);
  return prompt.formatMessages({
    previous_question: escapeData(previous.question),
    previous_answer: escapeData(answer),
    question: escapeData(question),
  });
}

export class LlmCondenser implements FollowUpCondenser {
  constructor(private readonly options: LlmCondenserOptions) {}

  async condense(question: string, previous: Exchange | undefined): Promise<string> {
    if (!previous) return question;
    const { model, prompt, logger, timeoutMs, fallback } = this.options;
    try {
      const reply = await complete(model, await condenseMessages(prompt, question, previous), { timeoutMs });
      const rewritten = standaloneQuestion(reply);
      if (rewritten) return rewritten;
      logger.warn({ reason: 'unusable output' }, 'llm: condense failed, using the fallback condenser');
    } catch (err) {
      logger.warn({ reason: describeFailure(err) }, 'llm: condense failed, using the fallback condenser');
    }
    return fallback.condense(question, previous);
  }

  /** The model left the question as it was: the second reading is the fallback's, no second model call. */
  withTopic(question: string, previous: Exchange): string | undefined {
    return this.options.fallback.withTopic?.(question, previous);
  }
}
