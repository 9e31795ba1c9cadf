import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatPromptTemplate } from '@langchain/core/prompts';
import type { Logger } from '../../logger.js';
import type { AnswerRequest, Answerer, DraftAnswer } from '../answer.js';
import { answerId, citationOf } from '../citations.js';
import { checkAnswer, NO_ANSWER_TOKEN } from './citation-check.js';
import { complete, describeFailure } from './chat-model.js';
import { answerMessages } from './prompts.js';
import { analyze } from '../../text/analyzer.js';
import { regionTerms } from '../evidence.js';
import { answersWanted, wantedOf } from '../wanted.js';
import { itemAt } from '../../shared/arrays.js';

export interface LlmAnswererOptions {
  model: BaseChatModel;
  /** The answer prompt (prompts/answer.md). */
  prompt: ChatPromptTemplate;
  /** Answers whenever the model fails or its answer does not survive the citation check. */
  fallback: Answerer;
  logger: Logger;
  timeoutMs: number;
  /** Passages shown to the model, from the top of the ranking. */
  maxPassages?: number;
  /** Configured secrets (bot token, keys): a sentence that contains one is dropped. */
  secrets?: readonly string[];
}

const DEFAULT_MAX_PASSAGES = 6;

/** Streams partial text to the caller, except while the model may be spelling out the no-answer token. */
function partialSink(onPartial: AnswerRequest['onPartial']): ((text: string) => void) | undefined {
  if (!onPartial) return undefined;
  return (text) => {
    const start = text.trimStart();
    if (NO_ANSWER_TOKEN.startsWith(start) || start.startsWith(NO_ANSWER_TOKEN)) return;
    onPartial(text);
  };
}

/** Generative answers over the retrieved passages, checked sentence by sentence before they are returned. */
export class LlmAnswerer implements Answerer {
  readonly mode = 'llm' as const;

  constructor(private readonly options: LlmAnswererOptions) {}

  async answer(request: AnswerRequest): Promise<DraftAnswer> {
    const { model, prompt, logger, timeoutMs } = this.options;
    const passages = request.passages.slice(0, this.options.maxPassages ?? DEFAULT_MAX_PASSAGES);
    if (passages.length === 0) return this.options.fallback.answer(request);

    let raw: string;
    try {
      const messages = await answerMessages(prompt, request.question, passages);
      raw = await complete(model, messages, { timeoutMs, signal: request.signal, onText: partialSink(request.onPartial) });
    } catch (err) {
      if (request.signal?.aborted) throw err;
      return this.fallBack(request, describeFailure(err));
    }

    const checked = checkAnswer(
      raw,
      passages.map((p) => p.chunk.text),
      { secrets: this.options.secrets },
    );
    if (checked.dropped.length > 0) {
      // The sentences are model text (which may echo the user or a secret): only at debug.
      logger.info({ dropped: checked.dropped.length, reasons: [...new Set(checked.dropped.map((d) => d.reason.split(':')[0]))] }, 'llm: sentences removed by the citation check');
      logger.debug({ dropped: checked.dropped }, 'llm: removed sentences');
    }
    // The model found no answer: the extractive answerer decides (it refuses on its own when it finds none).
    if (checked.refused) return this.fallBack(request, 'the model found no answer in the passages', 'info');
    if (checked.cited.length === 0) {
      return this.fallBack(request, raw.trim() ? 'no sentence with a valid citation' : 'empty output');
    }

    // The same gate as the extractive answer: a fluent sentence on the topic that lacks what was asked
    // (a sum, a name, the attribute) is no answer.
    const citedText = checked.cited.map((original) => passages[original - 1]?.chunk.text ?? '').join('\n');
    const wanted = wantedOf(request.question, regionTerms(request.question));
    if (!answersWanted(wanted, checked.text, new Set(analyze(`${checked.text}\n${citedText}`)), request.question)) {
      return this.fallBack(request, 'the answer does not hold what the question asks for');
    }

    const citations = checked.cited.map((original, i) => citationOf(i + 1, itemAt(passages, original - 1).chunk));
    return {
      id: answerId(
        request.question,
        citations.map((c) => c.chunkId),
      ),
      question: request.question,
      answered: true,
      answer: checked.text,
      citations,
      passages: request.passages,
      mode: 'llm',
      suggestions: [],
      filters: request.filters,
    };
  }

  private fallBack(request: AnswerRequest, reason: string, level: 'warn' | 'info' = 'warn'): Promise<DraftAnswer> {
    this.options.logger[level]({ reason }, 'llm: answer failed, using the fallback answerer');
    return this.options.fallback.answer(request);
  }
}
