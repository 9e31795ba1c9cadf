import type { RetrievedPassage } from '../retrieval/passage.js';
import type { RetrievalFilters } from '../shared/filters.js';

export interface Citation {
  /** The marker number used in the answer text: [n]. */
  n: number;
  title: string;
  date: string | null;
  url: string | null;
  source: string;
  /** The passage text the cited sentence came from. */
  quote: string;
  chunkId: string;
  articleId: string;
}

export interface Answer {
  /** Stable id of this answer (hash of question + cited chunks), used for feedback. */
  id: string;
  question: string;
  answered: boolean;
  /** Russian answer text with [n] markers (or the "не нашёл" message when answered is false). */
  answer: string;
  citations: Citation[];
  /** Top retrieved passages, rank order (at most 10). */
  passages: RetrievedPassage[];
  mode: 'extractive' | 'llm';
  /** Closest topics in the base (article titles), offered when nothing was found. */
  suggestions: string[];
  /** Filters actually applied (from the question and from options). */
  filters: RetrievalFilters;
  /** The standalone question the engine answered: a follow-up resolved against the previous turn, spelling corrected. */
  standalone: string;
  /** Word corrections applied before searching ("скока" → "сколько"); empty when none. */
  corrections: Array<{ from: string; to: string }>;
  /** Display names of regions the question named that no passage matched, so the search went without them. */
  relaxedRegions: string[];
  /** The message was long (over LONG_MESSAGE_CHARS): `question` is the question found in it, not the whole message. */
  truncated: boolean;
}

/** What an answerer composes; the engine adds how it read the question. */
export type DraftAnswer = Omit<Answer, 'standalone' | 'corrections' | 'relaxedRegions' | 'truncated'>;

export interface AnswerRequest {
  question: string;
  passages: RetrievedPassage[];
  filters: RetrievalFilters;
  /** The chat's previous turn when this question follows up on it: what the user was already told. */
  previous?: { question: string; answer: string };
  /** Called with the answer text as it grows (LLM streaming); extractive answerers may ignore it. */
  onPartial?: (textSoFar: string) => void;
  signal?: AbortSignal;
}

/** Composes an answer from retrieved passages. */
export interface Answerer {
  readonly mode: Answer['mode'];
  answer(request: AnswerRequest): Promise<DraftAnswer>;
}
