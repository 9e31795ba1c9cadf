import type { Chunk } from '../index/chunk.js';
import { stem, tokenize } from '../text/analyzer.js';
import type { Vocabulary } from '../text/spelling.js';

/** What the vocabulary needs from a loaded index. */
export interface VocabularySource {
  readonly size: number;
  /** Labels of every chunk, without reading the chunks. */
  labels(): Iterable<number>;
  chunk(label: number): Chunk;
  /** Chunks whose text holds this analysed term (BM25 document frequency). */
  docFreq(term: string): number;
}

/** Passages read for word forms; above it an even sample, as for the built-in embedder's IDF fit. */
export const VOCABULARY_SAMPLE = 20_000;

/**
 * The words the index holds, for correcting typos in questions: surface forms with their counts, read
 * from the chunks (an even sample of a big index). A word the sample missed still counts as known
 * when its stem is in the lexical index, so a rare correct word is never "corrected".
 */
export function indexVocabulary(source: VocabularySource, sample = VOCABULARY_SAMPLE): Vocabulary {
  const counts = new Map<string, number>();
  const step = Math.max(1, Math.ceil(source.size / sample));
  let i = 0;
  for (const label of source.labels()) {
    if (i++ % step !== 0) continue;
    const chunk = source.chunk(label);
    for (const word of tokenize(`${chunk.title}\n${chunk.text}`)) {
      if (!/\p{L}/u.test(word)) continue;
      const count = counts.get(word);
      // A long word from the tokenizer is a slice of the chunk's text and would keep all of it alive as a key.
      counts.set(count === undefined ? ownCopy(word) : word, (count ?? 0) + 1);
    }
  }
  return {
    has: (word) => counts.has(word) || source.docFreq(stem(word)) > 0,
    freq: (word) => counts.get(word) ?? 0,
    terms: () => counts.keys(),
  };
}

/** The string's characters in a string of their own (not a slice of a longer one). */
function ownCopy(word: string): string {
  return Buffer.from(word, 'utf8').toString('utf8');
}
