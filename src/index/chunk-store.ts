import { link, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RetrievalFilters } from '../shared/filters.js';
import { ArticleTable, ARTICLES_FILE, articleOfChunk, decodeArticles, type IndexedArticle } from './article-table.js';
import type { Chunk } from './chunk.js';
import { CHUNK_TABLE_FILE, decodeTable } from './chunk-table.js';
import { ChunkFilesWriter } from './chunk-writer.js';
import { facetQuery, facetsOf, facetTest, markMatching, type Facets } from './facets.js';
import { hasLabel, labelsOf, putLabel, RegionBits } from './label-bits.js';
import { BlockReader, CHUNK_RECORDS_FILE, RecordFile } from './record-file.js';
import type { LabelFilter } from './vector-store.js';
import { itemAt } from '../shared/arrays.js';

/** What a build needs to diff a stored chunk against the corpus, without reading its text. */
export interface ChunkRef {
  label: number;
  id: string;
  file: string;
}

/** Parsed chunks kept for repeated lookups: a filtered vector search asks for the same candidates again and again. */
const CACHE_CHUNKS = 4096;
/** A store's files, as `ChunkFilesWriter.finish` names them. */
const STORE_FILES = [CHUNK_RECORDS_FILE, CHUNK_TABLE_FILE, ARTICLES_FILE] as const;

/**
 * The label ↔ chunk map of an index, sized for millions of chunks: a loaded store holds only the
 * table (≈ 60 bytes a chunk) and the article list; a chunk's record is read from the open records
 * file and parsed when asked for, while region and date filters test the table alone (`matcher`).
 * Edits (a build) stay in memory on top of the loaded files until `save` writes a new set.
 * Iteration is in label order, which is insertion order since builds hand out growing labels.
 */
export class ChunkStore {
  private base: RecordFile | null = null;
  private readonly added = new Map<number, Chunk>();
  private readonly addedIds = new Map<string, number>();
  private readonly replaced = new Map<number, Chunk>();
  private readonly removed = new Set<number>();
  /** Facets of the added and replaced chunks; the loaded ones are in the table. */
  private readonly ownFacets = new Map<number, Facets>();
  /** Base articles with a chunk removed or replaced: their entry is gathered again from their chunks. */
  private readonly touched = new Set<number>();
  private readonly cache = new Map<number, Chunk>();
  /** The loaded table's region sets, made as region filters ask for them. */
  private regionBits: RegionBits | undefined;

  get size(): number {
    return (this.base?.count ?? 0) - this.removed.size + this.added.size;
  }

  /** The chunk behind a label; labels come from this index, so a miss is a bug and throws. */
  get(label: number): Chunk {
    const own = this.added.get(label) ?? this.replaced.get(label);
    if (own) return own;
    const cached = this.cache.get(label);
    if (cached) {
      // Refresh its place: the cache drops the least recently used.
      this.cache.delete(label);
      this.cache.set(label, cached);
      return cached;
    }
    // basePosition throws unless there is a loaded table holding the label.
    const position = this.basePosition(label);
    const chunk = this.loaded.read(position);
    this.cache.set(label, chunk);
    const oldest = this.cache.keys().next();
    if (this.cache.size > CACHE_CHUNKS && !oldest.done) this.cache.delete(oldest.value);
    return chunk;
  }

  labelOf(chunkId: string): number | undefined {
    const own = this.addedIds.get(chunkId);
    if (own !== undefined || !this.base) return own;
    const position = this.base.find(chunkId);
    const label = this.base.table.labels[position];
    return label === undefined || this.removed.has(label) ? undefined : label;
  }

  add(label: number, chunk: Chunk): void {
    if (!Number.isInteger(label) || label < 0 || label > 0xffffffff) throw new Error(`chunks: invalid label ${label}`);
    if (this.has(label)) throw new Error(`chunks: label ${label} already used`);
    if (this.labelOf(chunk.id) !== undefined) throw new Error(`chunks: chunk ${chunk.id} already stored`);
    this.ownFacets.set(label, facetsOf(chunk));
    this.added.set(label, chunk);
    this.addedIds.set(chunk.id, label);
  }

  /** Swaps in fresh metadata for a stored chunk with the same id (its text, hence vector, is unchanged). */
  replace(label: number, chunk: Chunk): void {
    if (this.idOf(label) !== chunk.id) throw new Error(`chunks: label ${label} holds another chunk than ${chunk.id}`);
    this.ownFacets.set(label, facetsOf(chunk));
    if (this.added.has(label)) {
      this.added.set(label, chunk);
      return;
    }
    this.replaced.set(label, chunk);
    this.forgetBase(label);
  }

  remove(label: number): void {
    const own = this.added.get(label);
    if (own) {
      this.added.delete(label);
      this.addedIds.delete(own.id);
      this.ownFacets.delete(label);
      return;
    }
    this.forgetBase(label);
    this.replaced.delete(label);
    this.ownFacets.delete(label);
    this.removed.add(label);
  }

  /**
   * A test of `filters` for the labels of this store, or undefined when they filter nothing. It reads
   * only the in-memory facets, never a record: a filtered search calls it for every candidate.
   * Semantics: see facetTest.
   */
  matcher(filters: RetrievalFilters): LabelFilter | undefined {
    const query = facetQuery(filters);
    if (!query) return undefined;
    const accepts = facetTest(filters) ?? (() => false);
    // The answer for every label at once, a bit each: a filtered graph search asks about 5-20k labels, and a
    // label's own lookup (binary search, facets) cost 120 ns against a few for a bit. A region filter is a
    // union of the table's kept region sets; a date filter takes one pass over the table (`markMatching`).
    const table = this.base?.table;
    let capacity = table && table.labels.length > 0 ? itemAt(table.labels, table.labels.length - 1) + 1 : 0;
    for (const label of this.ownFacets.keys()) capacity = Math.max(capacity, label + 1);
    const words = (capacity + 31) >>> 5;
    let bits: Uint32Array = new Uint32Array(words);
    let count = 0;
    if (table && !query.dated && query.regions !== undefined) {
      this.regionBits ??= new RegionBits(table.labels, table.regions);
      ({ bits, count } = this.regionBits.union(query.regions, words));
    } else if (table) {
      count = markMatching(query, table.labels, table.regions, table.days, bits);
    }
    for (const label of this.removed) count += putLabel(bits, label, false);
    for (const [label, own] of this.ownFacets) count += putLabel(bits, label, accepts(own.regions, own.day));
    // The list only when a vector search asks for it (a filter allowing few labels, see HnswOptions.exactSearchLimit).
    let list: Uint32Array | undefined;
    const labels = () => (list ??= labelsOf(bits, count));
    return Object.assign((label: number) => hasLabel(bits, label), { accepted: { count, labels } });
  }

  *entries(): IterableIterator<[number, Chunk]> {
    const reader = this.base && new BlockReader(this.base);
    for (const { label, position, chunk } of this.walk()) yield [label, chunk ?? (reader ?? this.missingBase()).read(position)];
  }

  /** The label of every chunk, in order, without decoding ids (a million of them is ≈ 100 MiB of garbage). */
  *labels(): IterableIterator<number> {
    for (const { label } of this.walk()) yield label;
  }

  /** Label, id and file of every chunk, read from the table alone. */
  *refs(): IterableIterator<ChunkRef> {
    for (const { label, position, chunk } of this.walk()) {
      yield chunk ? { label, id: chunk.id, file: chunk.file } : { label, id: this.loaded.idAt(position), file: this.loaded.fileAt(position) };
    }
  }

  /** One entry per article, in order of its first chunk; regions are the union of its chunks'. */
  articles(): IndexedArticle[] {
    if (this.base && this.added.size + this.replaced.size + this.removed.size === 0) return this.base.articles;
    const articles = new ArticleTable();
    const reader = this.base && new BlockReader(this.base);
    for (const record of this.walk()) articles.add(this.articleOf(record, reader));
    return articles.list;
  }

  /**
   * Writes the records, the table and the article list into `dir`; returns their file names.
   * `skip`: live labels left out (a live index's chunks deleted from the searches but still readable).
   */
  async save(dir: string, skip: ReadonlySet<number> = new Set()): Promise<string[]> {
    // Its records file is read while the new one is written.
    if (this.base && path.resolve(dir) === path.dirname(path.resolve(this.base.file))) throw new Error(`chunks: cannot save over the loaded ${dir}`);
    if (this.linkable && this.added.size === 0 && this.replaced.size === 0 && this.removed.size === 0 && ![...skip].some((label) => this.has(label))) {
      if (await this.linkFiles(dir)) return [...STORE_FILES];
    }
    const writer = await ChunkFilesWriter.open(dir, this.size);
    const reader = this.base && new BlockReader(this.base);
    try {
      for (const record of this.walk()) {
        const { label, position, chunk } = record;
        if (skip.has(label)) continue;
        if (chunk) {
          await writer.addChunk(label, chunk);
          continue;
        }
        // Untouched records are copied as they are, with their checksum: no parse, no re-encoding.
        const table = this.loaded.table;
        await writer.addRecord(label, {
          bytes: (reader ?? this.missingBase()).bytes(position),
          checksum: itemAt(table.checksums, position),
          id: this.loaded.idAt(position),
          file: this.loaded.fileAt(position),
          facets: { regions: itemAt(table.regions, position), day: itemAt(table.days, position) },
          article: this.articleOf(record, reader),
        });
      }
    } catch (err) {
      await writer.abort();
      throw err;
    }
    return writer.finish();
  }

  /**
   * Hard links to this store's files in `dir`, when it is unchanged and was written by this code (`fresh`):
   * a full build's spooled store is what a copy would write, byte for byte (at 100k chunks 230 MB read and
   * written again). False, with nothing left behind, where links cannot be made (another filesystem).
   */
  private async linkFiles(dir: string): Promise<boolean> {
    const from = path.dirname(this.loaded.file);
    try {
      for (const name of STORE_FILES) await link(path.join(from, name), path.join(dir, name));
      return true;
    } catch {
      await Promise.all(STORE_FILES.map((name) => rm(path.join(dir, name), { force: true })));
      return false;
    }
  }

  /** Set by `load` with `fresh`: the files are this code's writer's, so an unchanged save may link them. */
  private linkable = false;

  /**
   * Opens the files `save(dir)` wrote; the records file stays open (and readable) until close or garbage
   * collection. `fresh`: written by this process just now (a full build's spool), see `linkFiles`.
   */
  static async load(dir: string, options: { fresh?: boolean } = {}): Promise<ChunkStore> {
    const tableFile = path.join(dir, CHUNK_TABLE_FILE);
    const articlesFile = path.join(dir, ARTICLES_FILE);
    const table = decodeTable(await readFile(tableFile), tableFile);
    const articles = decodeArticles(await readFile(articlesFile), articlesFile);
    if (articles.length !== table.articleCount) {
      throw new Error(`chunks: ${articlesFile} lists ${articles.length} articles, ${tableFile} refers to ${table.articleCount}`);
    }
    const store = new ChunkStore();
    store.base = RecordFile.open(path.join(dir, CHUNK_RECORDS_FILE), table, articles);
    store.linkable = options.fresh === true;
    return store;
  }

  /** Closes the records file now rather than at garbage collection; the store must not be used afterwards. */
  close(): void {
    this.base?.close();
  }

  /** The loaded files: only a record with a table position asks, and only a loaded store has one. */
  private get loaded(): RecordFile {
    return this.base ?? this.missingBase();
  }

  private missingBase(): never {
    throw new Error('chunks: a table position without a loaded records file (a bug in the store)');
  }

  private has(label: number): boolean {
    return this.added.has(label) || (this.base !== null && this.base.position(label) >= 0 && !this.removed.has(label));
  }

  private idOf(label: number): string {
    const own = this.added.get(label);
    if (own) return own.id;
    const position = this.basePosition(label);
    return this.loaded.idAt(position);
  }

  /** Position of a live label in the loaded table; throws when there is none. */
  private basePosition(label: number): number {
    const position = this.removed.has(label) ? -1 : (this.base?.position(label) ?? -1);
    if (position < 0) throw new Error(`chunks: no chunk with label ${label}`);
    return position;
  }

  /** Marks a loaded chunk as edited: its cached parse and its article's saved entry no longer hold. */
  private forgetBase(label: number): void {
    const position = this.basePosition(label);
    this.cache.delete(label);
    this.touched.add(itemAt(this.loaded.table.articleOf, position));
  }

  /** Live chunks in label order: their table position (-1 if added) and the chunk when it is held in memory. */
  private *walk(): Generator<LiveRecord> {
    const addedLabels = [...this.added.keys()].sort((a, b) => a - b);
    const baseLabels = this.base?.table.labels ?? new Uint32Array(0);
    let a = 0;
    let b = 0;
    while (a < addedLabels.length || b < baseLabels.length) {
      // An added label equal to a base one re-uses a removed label: the added chunk is the live one.
      const label = Math.min(addedLabels[a] ?? Infinity, baseLabels[b] ?? Infinity);
      if (label === addedLabels[a]) {
        a++;
        yield { label, position: -1, chunk: this.added.get(label) };
      } else {
        const position = b++;
        if (!this.removed.has(label)) yield { label, position, chunk: this.replaced.get(label) };
      }
    }
  }

  /** The article entry a live chunk contributes: the saved one unless the article was edited. */
  private articleOf({ position, chunk }: LiveRecord, reader: BlockReader | null): IndexedArticle {
    if (chunk) return articleOfChunk(chunk);
    const article = itemAt(this.loaded.table.articleOf, position);
    return this.touched.has(article) ? articleOfChunk((reader ?? this.missingBase()).read(position)) : itemAt(this.loaded.articles, article);
  }
}

interface LiveRecord {
  label: number;
  position: number;
  chunk: Chunk | undefined;
}
