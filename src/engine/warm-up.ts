/**
 * Warming a freshly loaded index before it serves, as search servers do (Solr's first-searcher queries): the first
 * questions after a start otherwise pay for V8 compiling the search code, the stem memo filling up and the index's
 * memory being read for the first time. At a million chunks the first 200 questions took a third longer at p95 than
 * the same questions asked again (bench/README.md, "Warm start at 1M (round 20)").
 *
 * The questions are made from the index's own passages (titles and sentences spread over the whole index), never
 * from a question list, and only retrieval runs: nothing is logged as asked and no LLM is called.
 */
import type { Chunk } from '../index/chunk.js';
import { splitSentences } from '../text/sentences.js';

/** The words a warm-up question keeps: as long as a citizen's question, not a whole passage. */
const QUESTION_WORDS = 10;
/** Question openings in turn, so the asking-word paths are the ones questions take. */
const OPENINGS = ['Сколько', 'Когда', 'Где', 'Кто', 'Что известно о том, что'];

/** What warming needs from the served index: how many chunks, their labels in order and a chunk by label. */
export interface WarmSource {
  size: number;
  labels(): Iterable<number>;
  chunk(label: number): Chunk;
}

/** Labels spread evenly over the index, `count` at most (label order, so the whole index is sampled). */
export function spreadLabels(source: Pick<WarmSource, 'size' | 'labels'>, count: number): number[] {
  if (count <= 0 || source.size === 0) return [];
  const step = Math.max(1, source.size / count);
  const picked: number[] = [];
  let position = 0;
  let next = 0;
  for (const label of source.labels()) {
    if (position >= next) {
      picked.push(label);
      next += step;
      if (picked.length >= count) break;
    }
    position += 1;
  }
  return picked;
}

/**
 * A question made from a passage: every other one from its title, the rest from one of its sentences (the `n`-th
 * question takes its opening and sentence in turn), at most QUESTION_WORDS words. Empty when the passage has no words.
 */
export function questionFrom(chunk: Pick<Chunk, 'title' | 'text'>, n: number): string {
  const sentences = splitSentences(chunk.text);
  const source = n % 2 === 0 && chunk.title.trim() ? chunk.title : (sentences[n % Math.max(1, sentences.length)] ?? chunk.title);
  const words = source.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w)).slice(0, QUESTION_WORDS);
  if (words.length === 0) return '';
  return `${OPENINGS[n % OPENINGS.length]} ${words.join(' ').replace(/[.!?…:;,]+$/u, '')}?`;
}

export interface WarmUpReport {
  questions: number;
  ms: number;
}

/**
 * Asks `count` questions made from the index's passages through `retrieve`, one after another, stopping early once
 * `budgetMs` has passed; a passage that cannot be read or a failing search is skipped (warming must never stop a start).
 */
export async function warmUp(source: WarmSource, retrieve: (question: string) => Promise<unknown>, count: number, budgetMs: number): Promise<WarmUpReport> {
  const started = performance.now();
  let questions = 0;
  for (const [n, label] of spreadLabels(source, count).entries()) {
    if (performance.now() - started > budgetMs) break;
    try {
      const question = questionFrom(source.chunk(label), n);
      if (!question) continue;
      await retrieve(question);
    } catch {
      // An unreadable passage or a failing search: the next question, as a user's next question would be.
    }
    questions += 1;
  }
  return { questions, ms: performance.now() - started };
}
