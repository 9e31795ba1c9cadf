import type { Article } from '../corpus/article.js';
import { indexedText, type Chunk } from './chunk.js';
import { chunkArticles } from './chunker.js';
import path from 'node:path';
import { writeGeneration } from './write-generation.js';
import type { LoadedIndex } from './load-index.js';
import { inProcessEncoder } from './passage-encoder.js';

/**
 * Live updates of a loaded index, without a rebuild: new articles' chunks are embedded and added
 * (hnswlib addPoint, BM25 postings, chunk store overlay), chunks of replaced articles are deleted.
 * Embedding happens first; the index is then changed in one synchronous step, so a question being
 * answered sees the index either before or after an update. `persistLiveIndex` then writes the
 * changed index as a new generation (atomically: CURRENT moves only once every file is durable), so a
 * restart loads the added chunks instead of embedding them again.
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
  /** Updates applied, and how many of them the index files on disk hold. */
  applied: number;
  persisted: number;
  /** Labels deleted from the searches whose records are still readable. */
  pending: Set<number>;
  /** Articles removed whose chunks are pending: not listed by /latest and the stats. */
  hidden: Set<string>;
}

const states = new WeakMap<LoadedIndex, LiveState>();

function stateOf(index: LoadedIndex): LiveState {
  let state = states.get(index);
  if (!state) {
    state = { nextLabel: index.manifest.nextLabel, applied: 0, persisted: 0, pending: new Set(), hidden: new Set() };
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
  // Each passage is analysed once, for its vector and its BM25 terms; batches leave the event loop free between them.
  const encoder = inProcessEncoder(index.embedder);
  const vectors: Float32Array[] = [];
  const terms: string[][] = [];
  for (let i = 0; i < adding.length; i += BATCH) {
    const batch = await encoder.encode(adding.slice(i, i + BATCH).map(indexedText));
    vectors.push(...batch.vectors);
    terms.push(...batch.terms);
  }

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
  // Searchable at once (exactly, beside the graph); the graph insertion follows in slices, see settle below.
  if (adding.length > 0) (index.vectors.stage ?? index.vectors.add).call(index.vectors, labels, vectors);
  adding.forEach((chunk, i) => {
    const label = labels[i] ?? state.nextLabel++;
    index.chunks.add(label, chunk);
    index.bm25.add(label, terms[i] ?? []);
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
  if (adding.length + removedLabels.length + kept.length > 0) state.applied += 1;
  // Answerable from here on. The graph insertion (about 1 ms a chunk at 100k) runs on between questions;
  // persistLiveIndex waits for it.
  // A failure shows in persistLiveIndex, which settles again.
  index.vectors.settle?.().catch(() => undefined);
  return { chunksAdded: adding.length, chunksRemoved: removedLabels.length };
}

/**
 * Writes the live index as a new generation of `path.dirname(index.dir)` and makes it current; false
 * when nothing changed since the last write. Run it where no update can change the index meanwhile
 * (LocalEngine.updateIndex); questions go on reading it. A crash before the end leaves the previous
 * generation current and valid (the half-written directory is removed by the next build's cleanup).
 *
 * The manifest keeps the data files' stamps from the last build: the live articles are in files that
 * changed since (the sources' JSONL), so the next start reads the corpus, finds their chunks already
 * indexed by id and embeds nothing.
 */
export async function persistLiveIndex(index: LoadedIndex): Promise<boolean> {
  const state = states.get(index);
  if (!state || state.applied === state.persisted) return false;
  await index.vectors.settle?.();
  const applied = state.applied;
  // Deleted from the searches but still readable for a few seconds: not part of the saved index.
  const skipChunks = new Set(state.pending);
  const { contents: _contents, ...description } = index.manifest;
  const { dir, manifest, saved } = await writeGeneration(
    path.dirname(index.dir),
    index,
    { ...description, counts: { ...description.counts, chunks: index.chunks.size - skipChunks.size }, nextLabel: state.nextLabel, builtAt: new Date().toISOString() },
    { skipChunks },
  );
  saved.close();
  index.dir = dir;
  index.manifest = manifest;
  state.persisted = applied;
  return true;
}

function finishRemoval(index: LoadedIndex, state: LiveState, label: number): void {
  state.pending.delete(label);
  index.chunks.remove(label);
}

function listArticles(index: LoadedIndex, state: LiveState) {
  const all = index.chunks.articles();
  return state.hidden.size === 0 ? all : all.filter((a) => !state.hidden.has(a.id));
}
