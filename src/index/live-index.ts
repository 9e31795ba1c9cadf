import type { Article } from '../corpus/article.js';
import { analyze } from '../text/analyzer.js';
import { indexedText, type Chunk } from './chunk.js';
import { chunkArticles } from './chunker.js';
import type { LoadedIndex } from './load-index.js';

/**
 * Live updates of a loaded index, without a rebuild: new articles' chunks are embedded and added
 * (hnswlib addPoint, BM25 postings, chunk store overlay), chunks of replaced articles are deleted.
 * Embedding happens first; the index is then changed in one synchronous step, so a question being
 * answered sees the index either before or after an update. The change is not written into the
 * index generation: the articles are already in the data dir, and the next start's incremental build
 * takes them in.
 */

export interface IndexChange {
  added: readonly Article[];
  removed: readonly Article[];
}

export interface LiveUpdate {
  chunksAdded: number;
  chunksRemoved: number;
}

/** A deleted chunk's record stays readable this long, for questions that found it just before. */
const GRACE_MS = 30_000;
const BATCH = 32;

interface LiveState {
  nextLabel: number;
  /** Labels deleted from the searches whose records are still readable. */
  pending: Set<number>;
  /** Articles removed whose chunks are pending: not listed by /latest and the stats. */
  hidden: Set<string>;
}

const states = new WeakMap<LoadedIndex, LiveState>();

function stateOf(index: LoadedIndex): LiveState {
  let state = states.get(index);
  if (!state) {
    state = { nextLabel: index.manifest.nextLabel, pending: new Set(), hidden: new Set() };
    states.set(index, state);
  }
  return state;
}

/**
 * `isCurrent`: whether an added article is still the stored one. Changes of sources polled at the same
 * time may arrive out of order (a copy's "added" after the original replaced it): a superseded
 * article is not added.
 */
export async function applyToIndex(
  index: LoadedIndex,
  change: IndexChange,
  options: { isCurrent?: (article: Article) => boolean; chunker?: (articles: Article[]) => Chunk[] } = {},
): Promise<LiveUpdate> {
  const chunker = options.chunker ?? chunkArticles;
  const state = stateOf(index);
  const added = options.isCurrent ? change.added.filter(options.isCurrent) : change.added;
  const removedIds = new Set(chunker([...change.removed]).map((c) => c.id));
  const fresh = new Map<string, Chunk>();
  const kept: Chunk[] = [];
  for (const chunk of chunker([...added])) {
    const label = index.chunks.labelOf(chunk.id);
    // A chunk both removed and re-added (same text, e.g. a merge that changed the primary link) stays, with the new metadata.
    if (removedIds.delete(chunk.id) && label !== undefined && !state.pending.has(label)) {
      kept.push(chunk);
      continue;
    }
    if ((label === undefined || state.pending.has(label)) && !fresh.has(chunk.id)) fresh.set(chunk.id, chunk);
  }
  const adding = [...fresh.values()];
  const texts = adding.map(indexedText);
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += BATCH) vectors.push(...(await index.embedder.embedPassages(texts.slice(i, i + BATCH))));

  // From here on, synchronous: no question sees half an update.
  const removedLabels: number[] = [];
  for (const id of removedIds) {
    const label = index.chunks.labelOf(id);
    if (label === undefined || state.pending.has(label)) continue;
    index.vectors.markDeleted(label);
    removedLabels.push(label);
  }
  index.bm25.remove(removedLabels);
  for (const chunk of adding) {
    // A passage deleted moments ago comes back: its old record goes now.
    const stale = index.chunks.labelOf(chunk.id);
    if (stale !== undefined) finishRemoval(index, state, stale);
  }
  const labels = adding.map(() => state.nextLabel++);
  if (adding.length > 0) index.vectors.add(labels, vectors);
  adding.forEach((chunk, i) => {
    const label = labels[i] ?? state.nextLabel++;
    index.chunks.add(label, chunk);
    index.bm25.add(label, analyze(texts[i] ?? ''));
  });
  for (const chunk of kept) {
    const label = index.chunks.labelOf(chunk.id);
    if (label !== undefined) index.chunks.replace(label, chunk);
  }
  for (const label of removedLabels) state.pending.add(label);
  for (const a of change.removed) state.hidden.add(a.id);
  for (const a of added) state.hidden.delete(a.id);
  index.articles = listArticles(index, state);
  if (removedLabels.length > 0) {
    const hidden = change.removed.map((a) => a.id);
    setTimeout(() => {
      for (const label of removedLabels) if (state.pending.has(label)) finishRemoval(index, state, label);
      for (const id of hidden) state.hidden.delete(id);
      index.articles = listArticles(index, state);
    }, GRACE_MS).unref();
  }
  return { chunksAdded: adding.length, chunksRemoved: removedLabels.length };
}

function finishRemoval(index: LoadedIndex, state: LiveState, label: number): void {
  state.pending.delete(label);
  index.chunks.remove(label);
}

function listArticles(index: LoadedIndex, state: LiveState) {
  const all = index.chunks.articles();
  return state.hidden.size === 0 ? all : all.filter((a) => !state.hidden.has(a.id));
}
