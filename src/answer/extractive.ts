import type { Thesaurus } from '../retrieval/thesaurus.js';
import type { AnswerRequest, Answerer, DraftAnswer } from './answer.js';
import { answerId } from './citations.js';
import { compose, DEFAULT_EXTRACTIVE, type ExtractiveSettings } from './composition.js';
import type { TermStats } from './evidence.js';
import { suggestTopics } from './suggestions.js';

/**
 * The default answerer: no LLM, no network. It quotes the sentences of the top passages that
 * best cover the question (weighted by how rare each question word is) and fit its type
 * ("сколько" wants a number), and refuses when no sentence covers enough of the question.
 */
export class ExtractiveAnswerer implements Answerer {
  readonly mode = 'extractive' as const;

  constructor(
    private readonly stats: TermStats,
    private readonly thesaurus: Thesaurus,
    private readonly settings: ExtractiveSettings = DEFAULT_EXTRACTIVE,
  ) {}

  async answer({ question, passages, filters, previous }: AnswerRequest): Promise<DraftAnswer> {
    const result = compose(question, passages, this.stats, this.thesaurus, this.settings, filters, previous);
    return {
      id: answerId(question, result.citations.map((c) => c.chunkId)),
      question,
      answered: result.answered,
      answer: result.text,
      citations: result.citations,
      passages,
      mode: this.mode,
      suggestions: result.answered ? [] : suggestTopics(passages),
      filters,
    };
  }
}
