import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Bm25Index } from './bm25.js';
import type { IndexedArticle } from './article-table.js';
import { ChunkStore } from './chunk-store.js';
import { CHUNK_TABLE_FILE } from './chunk-table.js';
import type { Embedder } from './embedder.js';
import { digestFile, digestFiles, readCurrent } from './generations.js';
import { HnswVectorStore } from './hnsw-vector-store.js';
import { hnswOptionsFor, type HnswOptions } from './hnsw-options.js';
import { FLAT_FILE, HNSW_FILE } from './vector-files.js';
import { checkManifest, MANIFEST_FILE, ManifestFormatError, parseManifest, type IndexManifest } from './manifest.js';
import type { VectorStore } from './vector-store.js';

export const BM25_FILE = 'bm25.bin';
export const EMBEDDER_STATE_FILE = 'embedder.state';

/** Everything a search needs, read from one generation. Nothing in it changes after loading. */
export interface LoadedIndex {
  /** The generation directory it was read from (or written to). */
  dir: string;
  manifest: IndexManifest;
  /** The embedder the vectors were made with, its corpus statistics (if any) imported. */
  embedder: Embedder;
  /** Label ↔ chunk. */
  chunks: ChunkStore;
  vectors: VectorStore;
  bm25: Bm25Index;
  articles: IndexedArticle[];
}

/**
 * Why an index cannot be used: `missing` (never built), `corrupt` (unreadable, fails its checksum),
 * `mismatch` (built for another embedder or format). Each means: rebuild.
 */
export class IndexError extends Error {
  constructor(
    readonly kind: 'missing' | 'corrupt' | 'mismatch',
    readonly reason: string,
  ) {
    super(`index: ${reason} (rebuild with npm run ingest)`);
    this.name = 'IndexError';
  }
}

export interface LoadOptions {
  hnsw?: Partial<HnswOptions>;
}

/**
 * Loads the generation CURRENT points to. Imports the saved embedder state into `embedder`, so
 * pass the instance that will embed queries for this index (a background rebuild needs its own).
 */
export async function loadIndex(indexDir: string, embedder: Embedder, options: LoadOptions = {}): Promise<LoadedIndex> {
  const name = await locateGeneration(indexDir);
  try {
    return await loadGeneration(path.join(indexDir, name), embedder, options);
  } catch (err) {
    // A concurrent build may have published a new generation and deleted this one mid-read.
    if (err instanceof IndexError && err.kind === 'corrupt' && (await readCurrent(indexDir).catch(() => name)) !== name) {
      return loadIndex(indexDir, embedder, options);
    }
    throw err;
  }
}

async function locateGeneration(indexDir: string): Promise<string> {
  let name: string | null;
  try {
    name = await readCurrent(indexDir);
  } catch (err) {
    throw new IndexError('corrupt', `cannot read ${indexDir}: ${(err as Error).message}`);
  }
  if (name === null) throw new IndexError('missing', `no index in ${indexDir}`);
  return name;
}

async function loadGeneration(dir: string, embedder: Embedder, options: LoadOptions): Promise<LoadedIndex> {
  const manifest = await readPart(path.join(dir, MANIFEST_FILE), async (file) => {
    try {
      return parseManifest(await readFile(file, 'utf8'));
    } catch (err) {
      if (err instanceof ManifestFormatError) throw new IndexError('mismatch', err.message);
      throw err;
    }
  });
  const mismatch = checkManifest(manifest, embedder);
  if (mismatch) throw new IndexError('mismatch', mismatch);
  const contents = Object.entries(manifest.contents);
  // Sizes first (cheap, and a truncated file is named as such), then the checksums, concurrently with the reads.
  await Promise.all(
    contents.map(([name, expected]) =>
      readPart(path.join(dir, name), async (file) => {
        const { size } = await stat(file);
        if (size !== expected.bytes) throw new Error(`${size} bytes, manifest says ${expected.bytes}`);
      }),
    ),
  );
  // Every file is checked, whatever its size: hnswlib trusts its link lists, and a same-size corruption of
  // the graph file would otherwise crash every search with SIGSEGV, so the graph is read only once its
  // checksum matched (its files are digested first). The other parts are read meanwhile: their decoders
  // check their layout, and nothing is served before every checksum matched.
  const graphFirst = [...contents].sort(([a], [b]) => Number(b.endsWith('.hnsw')) - Number(a.endsWith('.hnsw')));
  const digests = digestFiles(graphFirst.map(([name, expected]) => ({ file: path.join(dir, name), bytes: expected.bytes })));
  const verified = new Map(
    graphFirst.map(([name, expected]) => {
      const check = readPart(path.join(dir, name), async (file) => {
        const digest = await (digests.get(file) ?? digestFile(file));
        if (digest.xxh3 !== expected.xxh3) throw new Error('checksum mismatch');
      });
      // Awaited below; a failure before then must not count as unhandled.
      check.catch(() => undefined);
      return [name, check] as const;
    }),
  );
  const graphChecked = Promise.all([...verified].filter(([name]) => name.endsWith('.hnsw')).map(([, check]) => check));
  const form = manifest.vectorForm ?? 'graph';
  const parts = Promise.all([
    readPart(path.join(dir, form === 'flat' ? FLAT_FILE : HNSW_FILE), async () => {
      await graphChecked;
      return HnswVectorStore.load(dir, manifest.embedder.dimension, hnswOptionsFor(embedder, options.hnsw), form);
    }),
    readPart(path.join(dir, BM25_FILE), (file) => Bm25Index.load(file)),
    readPart(path.join(dir, CHUNK_TABLE_FILE), () => ChunkStore.load(dir)),
  ]);
  parts.catch(() => undefined);
  // A checksum that does not match is the reason to give, before anything a damaged file made a decoder say.
  try {
    await Promise.all(verified.values());
  } catch (err) {
    parts.then(([, , chunks]) => chunks.close(), () => undefined);
    throw err;
  }
  const [vectors, bm25, chunks] = await parts;
  if (embedder.importState) {
    const importState = embedder.importState.bind(embedder);
    await readPart(path.join(dir, EMBEDDER_STATE_FILE), async (file) => importState(await readFile(file)));
  }
  const counts = { chunks: chunks.size, vectors: vectors.size, bm25: bm25.size, manifest: manifest.counts.chunks };
  if (new Set(Object.values(counts)).size !== 1) {
    throw new IndexError('corrupt', `${dir} is inconsistent: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  }
  return { dir, manifest, embedder, chunks, vectors, bm25, articles: chunks.articles() };
}

/** Runs a reader, turning any failure into an IndexError that names the file. */
async function readPart<T>(file: string, read: (file: string) => Promise<T>): Promise<T> {
  try {
    return await read(file);
  } catch (err) {
    if (err instanceof IndexError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new IndexError('corrupt', `cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
}
