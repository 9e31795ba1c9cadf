import type { RetrievedPassage } from '../retrieval/passage.js';

/** How many topics a refusal offers. */
const MAX_SUGGESTIONS = 3;

/**
 * Titles of the closest distinct articles, offered when the answer is "не нашёл": one rule for every
 * answerer and for the engine's refusals under filters.
 */
export function suggestTopics(passages: RetrievedPassage[], count = MAX_SUGGESTIONS): string[] {
  return [...new Set(passages.map((p) => p.chunk.title))].slice(0, count);
}
