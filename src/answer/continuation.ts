/**
 * A sentence that announces a list and the next one that gives it: "…предложения по решению острых проблем жителей
 * сел. В их числе – недоступность кредитов…". The second repeats no word of the question, yet it is the answer; it
 * follows the first wherever the first is quoted.
 */
import type { Candidate } from './evidence.js';

/** Openings that refer back to the sentence before and list what it announced. */
const CONTINUES_LIST = /^\s*(?:в их числе|в том числе|среди них|среди которых|к ним относ\p{L}*|это\s+[–—-]|такие как|а именно|олардың ішінде|соның ішінде)(?![\p{L}])/iu;

export const continuesList = (sentence: string): boolean => CONTINUES_LIST.test(sentence);

/** Puts the list after each chosen sentence that announces one, when it is not quoted yet (dropping the last when full). */
export function withContinuations(chosen: Candidate[], all: readonly Candidate[], max: number): void {
  for (let i = 0; i < chosen.length; i++) {
    const announcing = chosen[i] as Candidate;
    const next = all.find((c) => c.passage === announcing.passage && c.order === announcing.order + 1);
    if (next === undefined || !continuesList(next.text) || chosen.includes(next)) continue;
    if (chosen.length >= max) {
      // The last of a full answer keeps its place: dropping it for its own list would lose what announced it.
      if (i === chosen.length - 1) continue;
      chosen.pop();
    }
    chosen.splice(i + 1, 0, next);
  }
}
