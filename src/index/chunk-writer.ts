import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { writeDurably } from '../shared/atomic-write.js';
import { itemAt } from '../shared/arrays.js';
import { ArticleTable, ARTICLES_FILE, articleOfChunk, type IndexedArticle } from './article-table.js';
import type { Chunk } from './chunk.js';
import { CHUNK_TABLE_FILE, encodeTable, hashIds, type Table } from './chunk-table.js';
import { facetsOf, type Facets } from './facets.js';
import { BlockWriter, CHUNK_RECORDS_FILE, writeBlocks } from './record-file.js';

/** A stored record copied as it is: its bytes and what the table says about it. */
export interface CopiedRecord {
  bytes: Uint8Array;
  checksum: number;
  id: string;
  file: string;
  facets: Facets;
  article: IndexedArticle;
}

/**
 * Writes a chunk store's files (records, table, article list) one record at a time, in increasing label
 * order: `ChunkStore.save` copies a store through it, and a full build streams every chunk of the corpus
 * into it as the chunker makes them (build-spool.ts), so no chunk text has to stay in memory until the end.
 * Only the table's columns grow with the count (≈ 60 bytes a chunk).
 */
export class ChunkFilesWriter {
  private count = 0;
  private labels: Uint32Array;
  private offsets: Float64Array;
  private articleOf: Uint32Array;
  private fileOf: Uint32Array;
  private regions: Uint32Array;
  private days: Int32Array;
  private checksums: Uint32Array;
  private readonly ids: string[] = [];
  private readonly files = new Map<string, number>();
  private readonly articles = new ArticleTable();
  private readonly writer: BlockWriter;

  private constructor(
    private readonly dir: string,
    private readonly handle: FileHandle,
    capacity: number,
  ) {
    this.writer = new BlockWriter(handle);
    this.labels = new Uint32Array(capacity);
    this.offsets = new Float64Array(capacity + 1);
    this.articleOf = new Uint32Array(capacity);
    this.fileOf = new Uint32Array(capacity);
    this.regions = new Uint32Array(capacity);
    this.days = new Int32Array(capacity);
    this.checksums = new Uint32Array(capacity);
  }

  /** Starts the files in `dir`; `capacity`: the expected count, if known (the columns grow past it). */
  static async open(dir: string, capacity = 1024): Promise<ChunkFilesWriter> {
    return new ChunkFilesWriter(dir, await open(path.join(dir, CHUNK_RECORDS_FILE), 'w'), Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  /** Appends a chunk held in memory (encoded here as JSON). */
  async addChunk(label: number, chunk: Chunk): Promise<void> {
    const at = this.next(label);
    const { length, checksum } = await this.writer.summedText(JSON.stringify(chunk));
    this.checksums[at] = checksum;
    this.fill(at, label, length, chunk.id, chunk.file, facetsOf(chunk), articleOfChunk(chunk));
  }

  /** Appends a stored record's bytes as they are: no parse, no re-encoding. */
  async addRecord(label: number, record: CopiedRecord): Promise<void> {
    const at = this.next(label);
    this.checksums[at] = record.checksum;
    const length = await this.writer.bytes(record.bytes);
    this.fill(at, label, length, record.id, record.file, record.facets, record.article);
  }

  /** Flushes and syncs the records, writes the table and the article list; returns the three file names. */
  async finish(): Promise<string[]> {
    try {
      await this.writer.flush();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    const count = this.count;
    const ids = this.ids;
    const idStarts = new Uint32Array(count + 1);
    ids.forEach((id, i) => (idStarts[i + 1] = itemAt(idStarts, i) + Buffer.byteLength(id)));
    const table: Table = {
      labels: this.labels.subarray(0, count),
      offsets: this.offsets.subarray(0, count + 1),
      articleOf: this.articleOf.subarray(0, count),
      fileOf: this.fileOf.subarray(0, count),
      regions: this.regions.subarray(0, count),
      days: this.days.subarray(0, count),
      checksums: this.checksums.subarray(0, count),
      idStarts,
      idSlots: hashIds(ids),
      ids: Buffer.from(ids.join('')),
      files: [...this.files.keys()],
      articleCount: this.articles.list.length,
    };
    await writeDurably(path.join(this.dir, CHUNK_TABLE_FILE), encodeTable(table));
    await writeBlocks(path.join(this.dir, ARTICLES_FILE), async (writer) => {
      for (const article of this.articles.list) await writer.text(JSON.stringify(article) + '\n');
    });
    return [CHUNK_RECORDS_FILE, CHUNK_TABLE_FILE, ARTICLES_FILE];
  }

  /** Closes the records file after a failure (the caller removes the directory). */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  /** The next row, checked to keep labels increasing (the table's binary search relies on it). */
  private next(label: number): number {
    if (this.count > 0 && label <= itemAt(this.labels, this.count - 1)) throw new Error(`chunks: label ${label} written after a larger one`);
    if (this.count === this.labels.length) this.grow();
    return this.count;
  }

  private fill(at: number, label: number, length: number, id: string, file: string, facets: Facets, article: IndexedArticle): void {
    const fileIndex = this.files.get(file) ?? this.files.size;
    this.files.set(file, fileIndex);
    this.labels[at] = label;
    this.ids.push(id);
    this.articleOf[at] = this.articles.add(article);
    this.fileOf[at] = fileIndex;
    this.regions[at] = facets.regions;
    this.days[at] = facets.day;
    this.offsets[at + 1] = itemAt(this.offsets, at) + length;
    this.count += 1;
  }

  private grow(): void {
    const capacity = this.labels.length * 2;
    const bigger = <T extends Uint32Array | Int32Array | Float64Array>(old: T, make: (n: number) => T, extra = 0): T => {
      const next = make(capacity + extra);
      next.set(old);
      return next;
    };
    this.labels = bigger(this.labels, (n) => new Uint32Array(n));
    this.offsets = bigger(this.offsets, (n) => new Float64Array(n), 1);
    this.articleOf = bigger(this.articleOf, (n) => new Uint32Array(n));
    this.fileOf = bigger(this.fileOf, (n) => new Uint32Array(n));
    this.regions = bigger(this.regions, (n) => new Uint32Array(n));
    this.days = bigger(this.days, (n) => new Int32Array(n));
    this.checksums = bigger(this.checksums, (n) => new Uint32Array(n));
  }
}
