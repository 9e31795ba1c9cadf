import { loadCorpus } from '../src/corpus/load-corpus.js';
import { expectedArticleId, loadDevset } from './devset.js';

/**
 * The dev set's answerable questions with the id of the seed article that answers each. The scale
 * benchmark copies the seed files into every generated corpus, so the same ids are there among the
 * generated distractors and hit@5 can be measured at any size, for the engine and its peers alike.
 */
export interface DevTarget {
  question: string;
  articleId: string;
}

export async function devsetTargets(devsetFile: string, seedDir: string): Promise<DevTarget[]> {
  const { articles } = await loadCorpus(seedDir);
  const targets: DevTarget[] = [];
  for (const q of await loadDevset(devsetFile)) {
    const articleId = expectedArticleId(q, articles);
    if (articleId) targets.push({ question: q.question, articleId });
  }
  return targets;
}
