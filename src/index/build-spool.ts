import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusOptions, CorpusSummary } from '../corpus/load-corpus.js';
import { evenSample } from './builtin-embedder.js';
import { indexedText, type Chunk } from './chunk.js';
import { ChunkStore } from './chunk-store.js';
import { ChunkFilesWriter } from './chunk-writer.js';
import type { CorpusSources } from './build-index.js';

/**
 * Pass one of a full build: the corpus read one file at a time, its articles chunked and every chunk
 * written at once to a scratch chunk store (labels 0, 1, … in corpus order, the first of equal ids kept, as
 * `planUpdate` orders a full build's chunks). Only the store's table stays in memory; at 1M chunks the
 * texts would be ≈ 3.5 GiB (the articles' and the chunks' strings, UTF-16). Pass two (`pendingFromStore`)
 * reads the chunks back in order for embedding, and the new generation copies the records as they are.
 */
export interface Spool {
  corpus: CorpusSummary;
  store: ChunkStore;
  /** The scratch directory (inside the index directory): `discard` removes it. */
  dir: string;
}

export async function spoolCorpus(dataDir: string, indexDir: string, sources: CorpusSources, options: CorpusOptions): Promise<Spool> {
  await removeStaleSpools(indexDir);
  const dir = path.join(indexDir, `spool-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const writer = await ChunkFilesWriter.open(dir);
  // Ids seen, for the duplicates; only for this pass (the store's own id table answers afterwards).
  const seen = new Set<string>();
  let label = 0;
  try {
    const corpus = await readBy(sources)(dataDir, options, async (articles) => {
      for (const chunk of sources.chunkArticles(articles)) {
        if (seen.has(chunk.id)) continue;
        seen.add(chunk.id);
        await writer.addChunk(label++, chunk);
      }
    });
    await writer.finish();
    return { corpus, store: await ChunkStore.load(dir), dir };
  } catch (err) {
    await writer.abort();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Closes the scratch store and removes its directory. */
export async function discard(spool: Spool): Promise<void> {
  spool.store.close();
  await rm(spool.dir, { recursive: true, force: true });
}

const SPOOL = /^spool-(\d+)-[0-9a-f]{8}$/;

/** Scratch directories of builds whose process is gone (killed mid-build): a running build's own stays. */
async function removeStaleSpools(indexDir: string): Promise<void> {
  const names = await readdir(indexDir).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = Number(SPOOL.exec(name)?.[1] ?? NaN);
    return Number.isInteger(pid) && !alive(pid);
  });
  await Promise.all(stale.map((name) => rm(path.join(indexDir, name), { recursive: true, force: true })));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: a process of another user holds the id.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type ReadCorpus = NonNullable<CorpusSources['readCorpus']>;

/** The sources' file-by-file reader, or their `loadCorpus` with every article handed over at once. */
function readBy(sources: CorpusSources): ReadCorpus {
  if (sources.readCorpus) return sources.readCorpus;
  return async (dataDir, options, each) => {
    const { articles, ...rest } = await sources.loadCorpus(dataDir, options);
    await each(articles, '');
    return { ...rest, articleCount: articles.length };
  };
}

/** Chunks to embed and index, read in order; `sample` is what the embedder's fit reads. */
export interface PendingChunks {
  readonly count: number;
  /** Indexed texts of `evenSample` of the chunks (the same picks as over the array of them). */
  sample(max: number): string[];
  /** The next `n` chunks (fewer at the end). */
  take(n: number): Chunk[];
}

export function pendingFromArray(chunks: readonly Chunk[]): PendingChunks {
  let at = 0;
  return {
    count: chunks.length,
    sample: (max) => evenSample(chunks, max).map(indexedText),
    take(n) {
      const batch = chunks.slice(at, at + n);
      at += batch.length;
      return batch;
    },
  };
}

/** A spooled store's chunks, labels 0 … size − 1, read sequentially (one 4 MiB read per block). */
export function pendingFromStore(store: ChunkStore): PendingChunks {
  const entries = store.entries();
  return {
    count: store.size,
    sample: (max) => evenSample(Array.from({ length: store.size }, (_, label) => label), max).map((label) => indexedText(store.get(label))),
    take(n) {
      const batch: Chunk[] = [];
      while (batch.length < n) {
        const next = entries.next();
        if (next.done) break;
        batch.push(next.value[1]);
      }
      return batch;
    },
  };
}
