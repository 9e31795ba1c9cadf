import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusOptions, CorpusSummary } from '../corpus/load-corpus.js';
import type { Chunk } from './chunk.js';
import { ChunkStore } from './chunk-store.js';
import { ChunkFilesWriter } from './chunk-writer.js';
import type { CorpusSources } from './build-index.js';

/**
 * The reading pass of a full build: the corpus read one file at a time, its articles chunked and every chunk
 * written at once to a scratch chunk store (labels 0, 1, … in corpus order, the first of equal ids kept, as
 * `planUpdate` orders a full build's chunks). Only the store's table stays in memory; at 1M chunks the
 * texts would be ≈ 3.5 GiB (the articles' and the chunks' strings, UTF-16). Each chunk also goes to the
 * sink (the indexing pipeline) as it is written, and the new generation copies the records as they are.
 */
export interface Spool {
  corpus: CorpusSummary;
  store: ChunkStore;
  /** The scratch directory (inside the index directory): `discard` removes it. */
  dir: string;
}

/**
 * Where each spooled chunk goes as well: the full build's indexing pipeline (ingest-pipeline.ts), which
 * encodes them in worker threads while this pass goes on. `drain` runs between groups of articles.
 */
export interface SpoolSink {
  chunk(chunk: Chunk): void;
  drain(): Promise<void>;
}

/** Articles chunked at a time: the sink is drained between groups, so encoded batches do not wait a whole file. */
const ARTICLE_GROUP = 32;

export async function spoolCorpus(dataDir: string, indexDir: string, sources: CorpusSources, options: CorpusOptions, sink?: SpoolSink, progress?: SpoolProgress): Promise<Spool> {
  await removeStaleSpools(indexDir);
  const dir = path.join(indexDir, `spool-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const writer = await ChunkFilesWriter.open(dir);
  // Ids seen, for the duplicates; only for this pass (the store's own id table answers afterwards).
  const seen = new Set<string>();
  let label = 0;
  try {
    const corpus = await readBy(sources)(dataDir, options, async (articles, file) => {
      for (let i = 0; i < articles.length; i += ARTICLE_GROUP) {
        for (const chunk of sources.chunkArticles(articles.slice(i, i + ARTICLE_GROUP))) {
          if (seen.has(chunk.id)) continue;
          seen.add(chunk.id);
          await writer.addChunk(label++, chunk);
          sink?.chunk(chunk);
        }
        progress?.read(file, Math.min(1, (i + ARTICLE_GROUP) / articles.length), label);
        await sink?.drain();
      }
      progress?.read(file, 1, label);
    });
    await writer.finish();
    return { corpus, store: await ChunkStore.load(dir, { fresh: true }), dir };
  } catch (err) {
    await writer.abort();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The corpus' chunk count extrapolated from the bytes read so far (the data files' sizes are known before
 * reading them): what the vector store's form is chosen by, before the last file is read.
 */
export class SpoolProgress {
  private readonly sizes: Map<string, number>;
  private readonly total: number;
  private doneBytes = 0;
  private fileBytes = 0;
  private file = '';
  private fraction = 0;
  private chunks = 0;

  constructor(stamps: ReadonlyArray<{ file: string; size: number }>) {
    this.sizes = new Map(stamps.map((s) => [s.file, s.size]));
    this.total = stamps.reduce((sum, s) => sum + s.size, 0);
  }

  read(file: string, fraction: number, chunks: number): void {
    if (file !== this.file) {
      this.doneBytes += this.fileBytes;
      this.file = file;
      this.fileBytes = this.sizes.get(file) ?? 0;
    }
    this.fraction = fraction;
    this.chunks = chunks;
  }

  estimate(): number {
    const seen = this.doneBytes + this.fileBytes * this.fraction;
    return seen > 0 && this.total > seen ? Math.ceil((this.chunks * this.total) / seen) : this.chunks;
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

/** Chunks to embed and index (an update's new chunks), read in order. */
export interface PendingChunks {
  readonly count: number;
  /** The next `n` chunks (fewer at the end). */
  take(n: number): Chunk[];
}

export function pendingFromArray(chunks: readonly Chunk[]): PendingChunks {
  let at = 0;
  return {
    count: chunks.length,
    take(n) {
      const batch = chunks.slice(at, at + n);
      at += batch.length;
      return batch;
    },
  };
}
