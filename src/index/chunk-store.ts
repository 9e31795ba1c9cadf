import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/article.js';
import { REGIONS } from '../corpus/regions.js';
import type { RetrievalFilters } from '../retrieval/passage.js';
import { writeDurably } from '../shared/atomic-write.js';
import type { Chunk } from './chunk.js';
import type { LabelFilter } from './vector-store.js';

/** One article as the index knows it, gathered from its chunks. */
export type IndexedArticle = Pick<Article, 'id' | 'title' | 'date' | 'url' | 'source' | 'regions'>;

/** What a build needs to diff a stored chunk against the corpus, without reading its text. */
export interface ChunkRef {
  label: number;
  id: string;
  file: string;
}

/** Every chunk as UTF-8 JSON, back to back, in label order. */
export const CHUNK_RECORDS_FILE = 'chunks.bin';
/** Per chunk: label, record offset, article, file, regions, date and id, and an id hash table; see tableLayout. */
export const CHUNK_TABLE_FILE = 'chunks.idx';
/** One line per article: what /latest, /sources and the stats need without reading any chunk. */
export const ARTICLES_FILE = 'articles.jsonl';

/** Parsed chunks kept for repeated lookups: a filtered vector search asks for the same candidates again and again. */
const CACHE_CHUNKS = 4096;
/** Writes and sequential reads go in blocks of this size. */
const BLOCK_BYTES = 4 << 20;

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
    const chunk = this.base!.read(position);
    this.cache.set(label, chunk);
    if (this.cache.size > CACHE_CHUNKS) this.cache.delete(this.cache.keys().next().value!);
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
   * Semantics: any of the regions (ids outside REGIONS match nothing); dates inclusive, and an
   * undated chunk never matches a date filter.
   */
  matcher(filters: RetrievalFilters): LabelFilter | undefined {
    const regions = filters.regions && filters.regions.length > 0 ? regionMask(filters.regions) : undefined;
    const dated = Boolean(filters.dateFrom || filters.dateTo);
    if (regions === undefined && !dated) return undefined;
    const from = filters.dateFrom ? filterDay(filters.dateFrom) : -Infinity;
    const to = filters.dateTo ? filterDay(filters.dateTo) : Infinity;
    const accepts = (mask: number, day: number) => (regions === undefined || (mask & regions) !== 0) && (!dated || (day !== NO_DAY && day >= from && day <= to));
    const table = this.base?.table;
    return (label) => {
      const own = this.ownFacets.get(label);
      if (own) return accepts(own.regions, own.day);
      const position = this.removed.has(label) ? -1 : (this.base?.position(label) ?? -1);
      return position >= 0 && accepts(table!.regions[position]!, table!.days[position]!);
    };
  }

  *entries(): IterableIterator<[number, Chunk]> {
    const reader = this.base && new BlockReader(this.base);
    for (const { label, position, chunk } of this.walk()) yield [label, chunk ?? reader!.read(position)];
  }

  /** Label, id and file of every chunk, read from the table alone. */
  *refs(): IterableIterator<ChunkRef> {
    for (const { label, position, chunk } of this.walk()) {
      yield chunk ? { label, id: chunk.id, file: chunk.file } : { label, id: this.base!.idAt(position), file: this.base!.fileAt(position) };
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

  /** Writes the records, the table and the article list into `dir`; returns their file names. */
  async save(dir: string): Promise<string[]> {
    // Its records file is read while the new one is written.
    if (this.base && path.resolve(dir) === path.dirname(path.resolve(this.base.file))) throw new Error(`chunks: cannot save over the loaded ${dir}`);
    const count = this.size;
    const labels = new Uint32Array(count);
    const offsets = new Float64Array(count + 1);
    const articleOf = new Uint32Array(count);
    const fileOf = new Uint32Array(count);
    const regions = new Uint32Array(count);
    const days = new Int32Array(count);
    const ids = new Array<string>(count);
    const files = new Map<string, number>();
    const articles = new ArticleTable();
    const reader = this.base && new BlockReader(this.base);
    await writeBlocks(path.join(dir, CHUNK_RECORDS_FILE), async (writer) => {
      let i = 0;
      for (const record of this.walk()) {
        const { label, position, chunk } = record;
        // Untouched records are copied as they are: no parse, no re-encoding.
        const length = chunk ? await writer.text(JSON.stringify(chunk)) : await writer.bytes(reader!.bytes(position));
        const file = chunk ? chunk.file : this.base!.fileAt(position);
        if (!files.has(file)) files.set(file, files.size);
        labels[i] = label;
        ids[i] = chunk ? chunk.id : this.base!.idAt(position);
        articleOf[i] = articles.add(this.articleOf(record, reader));
        fileOf[i] = files.get(file)!;
        const facets = this.ownFacets.get(label);
        regions[i] = facets ? facets.regions : this.base!.table.regions[position]!;
        days[i] = facets ? facets.day : this.base!.table.days[position]!;
        offsets[i + 1] = offsets[i]! + length;
        i++;
      }
    });
    const idStarts = new Uint32Array(count + 1);
    ids.forEach((id, i) => (idStarts[i + 1] = idStarts[i]! + Buffer.byteLength(id)));
    const table: Table = { labels, offsets, articleOf, fileOf, regions, days, idStarts, idSlots: hashIds(ids), ids: Buffer.from(ids.join('')), files: [...files.keys()], articleCount: articles.list.length };
    await writeDurably(path.join(dir, CHUNK_TABLE_FILE), encodeTable(table));
    await writeBlocks(path.join(dir, ARTICLES_FILE), async (writer) => {
      for (const article of articles.list) await writer.text(JSON.stringify(article) + '\n');
    });
    return [CHUNK_RECORDS_FILE, CHUNK_TABLE_FILE, ARTICLES_FILE];
  }

  /** Opens the files `save(dir)` wrote; the records file stays open (and readable) until close or garbage collection. */
  static async load(dir: string): Promise<ChunkStore> {
    const tableFile = path.join(dir, CHUNK_TABLE_FILE);
    const articlesFile = path.join(dir, ARTICLES_FILE);
    const table = decodeTable(await readFile(tableFile), tableFile);
    const articles = decodeArticles(await readFile(articlesFile), articlesFile);
    if (articles.length !== table.articleCount) {
      throw new Error(`chunks: ${articlesFile} lists ${articles.length} articles, ${tableFile} refers to ${table.articleCount}`);
    }
    const store = new ChunkStore();
    store.base = RecordFile.open(path.join(dir, CHUNK_RECORDS_FILE), table, articles);
    return store;
  }

  /** Closes the records file now rather than at garbage collection; the store must not be used afterwards. */
  close(): void {
    this.base?.close();
  }

  private has(label: number): boolean {
    return this.added.has(label) || (this.base !== null && this.base.position(label) >= 0 && !this.removed.has(label));
  }

  private idOf(label: number): string {
    const own = this.added.get(label);
    if (own) return own.id;
    const position = this.basePosition(label);
    return this.base!.idAt(position);
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
    this.touched.add(this.base!.table.articleOf[position]!);
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
    const article = this.base!.table.articleOf[position]!;
    return this.touched.has(article) ? articleOfChunk(reader!.read(position)) : this.base!.articles[article]!;
  }
}

interface LiveRecord {
  label: number;
  position: number;
  chunk: Chunk | undefined;
}

if (REGIONS.length > 32) throw new Error(`chunks: ${REGIONS.length} regions do not fit a 32-bit region mask`);

/** Bit of each region in a region mask: its place in REGIONS. */
const REGION_BITS = new Map(REGIONS.map((region, i) => [region.id, (1 << i) >>> 0]));
/** A mask with every known region's bit set. */
const KNOWN_REGIONS = 2 ** REGIONS.length - 1;
/** Day number of an undated chunk: matches no date filter. */
const NO_DAY = -0x80000000;
const DAY_MS = 86_400_000;

/** What a region or date filter tests: the chunk's regions as a mask and its date as a day number. */
interface Facets {
  regions: number;
  day: number;
}

function facetsOf(chunk: Chunk): Facets {
  let regions = 0;
  for (const id of chunk.regions) {
    const bit = REGION_BITS.get(id);
    if (bit === undefined) throw new Error(`chunks: chunk ${chunk.id} names unknown region "${id}"`);
    regions |= bit;
  }
  const day = chunk.date === null ? NO_DAY : dayNumber(chunk.date);
  if (day === undefined) throw new Error(`chunks: chunk ${chunk.id} has date "${chunk.date}", not YYYY-MM-DD`);
  return { regions: regions >>> 0, day };
}

/** Mask of the known regions among `ids`: 0, matching nothing, when none is known. */
function regionMask(ids: readonly string[]): number {
  return ids.reduce((mask, id) => mask | (REGION_BITS.get(id) ?? 0), 0);
}

function filterDay(date: string): number {
  const day = dayNumber(date);
  if (day === undefined) throw new Error(`chunks: date filter "${date}" is not YYYY-MM-DD`);
  return day;
}

/** Days since 1970-01-01 of a real YYYY-MM-DD date (not 2025-02-31), else undefined. */
function dayNumber(date: string): number | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!parts) return undefined;
  const time = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  return new Date(time).toISOString().startsWith(date) ? time / DAY_MS : undefined;
}

function articleOfChunk(c: Chunk): IndexedArticle {
  return { id: c.articleId, title: c.title, date: c.date, url: c.url, source: c.source, regions: c.regions };
}

/** Articles in order of first appearance, their regions merged. */
class ArticleTable {
  readonly list: IndexedArticle[] = [];
  private readonly index = new Map<string, number>();

  /** Returns the article's position in the list. */
  add(article: IndexedArticle): number {
    const known = this.index.get(article.id);
    if (known === undefined) {
      this.index.set(article.id, this.list.length);
      this.list.push({ ...article, regions: [...article.regions] });
      return this.list.length - 1;
    }
    const regions = this.list[known]!.regions;
    for (const region of article.regions) if (!regions.includes(region)) regions.push(region);
    return known;
  }
}

/** FNV-1a over the id's UTF-16 code units: stable across runs, as the table stores the slots it picks. */
function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Slots of the id hash table: a power of two at least twice the count, so probes stay short. */
function slotCount(count: number): number {
  return 2 ** Math.max(1, Math.ceil(Math.log2(2 * count)));
}

/** Open addressing with linear probing; a slot holds position + 1, 0 when empty. */
function hashIds(ids: readonly string[]): Uint32Array {
  const slots = new Uint32Array(slotCount(ids.length));
  const mask = slots.length - 1;
  ids.forEach((id, position) => {
    let slot = idHash(id) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = position + 1;
  });
  return slots;
}

interface Table {
  /** Strictly increasing. */
  labels: Uint32Array;
  /** Byte offset of each record in the records file, and its total size last. */
  offsets: Float64Array;
  /** Index into the article list. */
  articleOf: Uint32Array;
  /** Index into `files`. */
  fileOf: Uint32Array;
  /** Region mask (see REGION_BITS). */
  regions: Uint32Array;
  /** Day number of the date (see dayNumber), NO_DAY when undated. */
  days: Int32Array;
  /** Byte offset of each id in `ids`, and the total last. */
  idStarts: Uint32Array;
  /** Hash table from id to position (see hashIds). */
  idSlots: Uint32Array;
  ids: Buffer;
  files: string[];
  articleCount: number;
}

/** The records file, open for reads at any offset, with the table that maps labels and ids onto it. */
class RecordFile {
  private static readonly closer = new FinalizationRegistry<number>((fd) => closeSync(fd));
  private fd: number | null;

  private constructor(
    fd: number,
    readonly file: string,
    readonly table: Table,
    readonly articles: IndexedArticle[],
  ) {
    this.fd = fd;
    RecordFile.closer.register(this, fd, this);
  }

  static open(file: string, table: Table, articles: IndexedArticle[]): RecordFile {
    const fd = openSync(file, 'r');
    const expected = table.offsets[table.labels.length]!;
    const { size } = fstatSync(fd);
    if (size !== expected) {
      closeSync(fd);
      throw new Error(`chunks: ${file}: ${size} bytes, the table says ${expected}`);
    }
    return new RecordFile(fd, file, table, articles);
  }

  get count(): number {
    return this.table.labels.length;
  }

  /** Position of a label, or -1. */
  position(label: number): number {
    const labels = this.table.labels;
    let lo = 0;
    let hi = labels.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = labels[mid]!;
      if (at === label) return mid;
      if (at < label) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Position of the chunk with this id, or -1. */
  find(id: string): number {
    const slots = this.table.idSlots;
    const mask = slots.length - 1;
    for (let slot = idHash(id) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const position = slots[slot]! - 1;
      if (this.idAt(position) === id) return position;
    }
    return -1;
  }

  idAt(position: number): string {
    return this.table.ids.toString('utf8', this.table.idStarts[position], this.table.idStarts[position + 1]);
  }

  fileAt(position: number): string {
    return this.table.files[this.table.fileOf[position]!]!;
  }

  /** Reads `length` bytes at `offset` into `target`. */
  readInto(target: Buffer, offset: number): number {
    if (this.fd === null) throw new Error(`chunks: ${this.file} is closed`);
    return readSync(this.fd, target, 0, target.byteLength, offset);
  }

  read(position: number): Chunk {
    const start = this.table.offsets[position]!;
    const bytes = Buffer.allocUnsafe(this.table.offsets[position + 1]! - start);
    if (this.readInto(bytes, start) !== bytes.byteLength) throw this.damaged(position);
    return this.parse(bytes, position);
  }

  /** Checks the record against the table: a damaged or misplaced record fails here, not in an answer. */
  parse(bytes: Buffer, position: number): Chunk {
    const chunk = parseJson(bytes.toString('utf8')) as Partial<Chunk> | undefined;
    if (typeof chunk !== 'object' || chunk === null || chunk.id !== this.idAt(position) || typeof chunk.text !== 'string' || !Array.isArray(chunk.regions)) {
      throw this.damaged(position);
    }
    return chunk as Chunk;
  }

  close(): void {
    if (this.fd === null) return;
    RecordFile.closer.unregister(this);
    closeSync(this.fd);
    this.fd = null;
  }

  private damaged(position: number): Error {
    return new Error(`chunks: ${this.file}: record of label ${this.table.labels[position]} is damaged (rebuild with npm run ingest)`);
  }
}

/** Reads records in increasing position through a window of the file: one read per block, not per record. */
class BlockReader {
  private window = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly records: RecordFile) {}

  /** The record's bytes; valid after the next call too (a new window is a new buffer). */
  bytes(position: number): Buffer {
    const from = this.records.table.offsets[position]!;
    const to = this.records.table.offsets[position + 1]!;
    if (from < this.start || to > this.start + this.window.byteLength) {
      const window = Buffer.allocUnsafe(Math.min(Math.max(BLOCK_BYTES, to - from), this.records.table.offsets.at(-1)! - from));
      const read = this.records.readInto(window, from);
      if (read < to - from) throw new Error(`chunks: ${this.records.file}: ends inside the record of label ${this.records.table.labels[position]}`);
      this.window = window.subarray(0, read);
      this.start = from;
    }
    return this.window.subarray(from - this.start, to - this.start);
  }

  read(position: number): Chunk {
    return this.records.parse(this.bytes(position), position);
  }
}

/** Appends to a file through one reused block: records are encoded straight into it. */
class BlockWriter {
  private readonly block = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;

  constructor(private readonly handle: FileHandle) {}

  /** Appends `text` as UTF-8; returns its byte length. */
  async text(text: string): Promise<number> {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes.
    if (this.used + 3 * text.length > this.block.byteLength) await this.flush();
    if (3 * text.length > this.block.byteLength) return this.bytes(Buffer.from(text));
    const length = this.block.write(text, this.used);
    this.used += length;
    return length;
  }

  /** Appends `bytes`; returns their length. */
  async bytes(bytes: Uint8Array): Promise<number> {
    if (this.used + bytes.byteLength > this.block.byteLength) await this.flush();
    if (bytes.byteLength > this.block.byteLength) await this.handle.write(bytes);
    else {
      this.block.set(bytes, this.used);
      this.used += bytes.byteLength;
    }
    return bytes.byteLength;
  }

  async flush(): Promise<void> {
    if (this.used > 0) await this.handle.write(this.block, 0, this.used);
    this.used = 0;
  }
}

/** Runs `fill` with a block writer on `file`, then flushes and fsyncs it. */
async function writeBlocks(file: string, fill: (writer: BlockWriter) => Promise<void>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const writer = new BlockWriter(handle);
    await fill(writer);
    await writer.flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const TABLE_MAGIC = 'ZCHUNKS2';
/** Magic, then u32 LE: count, article count, bytes of the file list, bytes of the ids. */
const TABLE_HEADER_BYTES = 24;

/**
 * Section offsets of a table file: after the header, f64 offsets[count + 1] (8-aligned), u32
 * labels[count], articleOf[count], fileOf[count], regions[count], i32 days[count], u32
 * idStarts[count + 1], idSlots[slotCount(count)], the file list as a UTF-8 JSON array, the ids as UTF-8. Arrays are in the machine's
 * (little-endian) order.
 */
function tableLayout(count: number, filesBytes: number, idBytes: number) {
  const offsets = TABLE_HEADER_BYTES;
  const labels = offsets + (count + 1) * 8;
  const articleOf = labels + count * 4;
  const fileOf = articleOf + count * 4;
  const regions = fileOf + count * 4;
  const days = regions + count * 4;
  const idStarts = days + count * 4;
  const idSlots = idStarts + (count + 1) * 4;
  const files = idSlots + slotCount(count) * 4;
  const ids = files + filesBytes;
  return { offsets, labels, articleOf, fileOf, regions, days, idStarts, idSlots, files, ids, total: ids + idBytes };
}

function encodeTable(t: Table): Uint8Array {
  const count = t.labels.length;
  const files = Buffer.from(JSON.stringify(t.files));
  const at = tableLayout(count, files.byteLength, t.ids.byteLength);
  const bytes = new Uint8Array(at.total);
  bytes.set(Buffer.from(TABLE_MAGIC, 'latin1'), 0);
  const header = new DataView(bytes.buffer);
  header.setUint32(8, count, true);
  header.setUint32(12, t.articleCount, true);
  header.setUint32(16, files.byteLength, true);
  header.setUint32(20, t.ids.byteLength, true);
  new Float64Array(bytes.buffer, at.offsets, count + 1).set(t.offsets);
  new Uint32Array(bytes.buffer, at.labels, count).set(t.labels);
  new Uint32Array(bytes.buffer, at.articleOf, count).set(t.articleOf);
  new Uint32Array(bytes.buffer, at.fileOf, count).set(t.fileOf);
  new Uint32Array(bytes.buffer, at.regions, count).set(t.regions);
  new Int32Array(bytes.buffer, at.days, count).set(t.days);
  new Uint32Array(bytes.buffer, at.idStarts, count + 1).set(t.idStarts);
  new Uint32Array(bytes.buffer, at.idSlots, t.idSlots.length).set(t.idSlots);
  bytes.set(files, at.files);
  bytes.set(t.ids, at.ids);
  return bytes;
}

/** The table as views on the file's bytes (copied once if misaligned); checks what lookups rely on. */
function decodeTable(input: Uint8Array, name: string): Table {
  const bytes = input.byteOffset % 8 === 0 ? input : new Uint8Array(input);
  if (bytes.byteLength < TABLE_HEADER_BYTES || Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') !== TABLE_MAGIC) {
    throw new Error(`chunks: ${name}: not a chunk table file`);
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, TABLE_HEADER_BYTES);
  const [count, articleCount, filesBytes, idBytes] = [8, 12, 16, 20].map((o) => header.getUint32(o, true)) as [number, number, number, number];
  const at = tableLayout(count, filesBytes, idBytes);
  if (bytes.byteLength !== at.total) throw new Error(`chunks: ${name}: ${bytes.byteLength} bytes, header implies ${at.total}`);
  const u32 = (offset: number, n: number) => new Uint32Array(bytes.buffer, bytes.byteOffset + offset, n);
  const buffer = (offset: number, n: number) => Buffer.from(bytes.buffer, bytes.byteOffset + offset, n);
  const table: Table = {
    offsets: new Float64Array(bytes.buffer, bytes.byteOffset + at.offsets, count + 1),
    labels: u32(at.labels, count),
    articleOf: u32(at.articleOf, count),
    fileOf: u32(at.fileOf, count),
    regions: u32(at.regions, count),
    days: new Int32Array(bytes.buffer, bytes.byteOffset + at.days, count),
    idStarts: u32(at.idStarts, count + 1),
    idSlots: u32(at.idSlots, slotCount(count)),
    files: JSON.parse(buffer(at.files, filesBytes).toString('utf8')) as string[],
    ids: buffer(at.ids, idBytes),
    articleCount,
  };
  for (let i = 0; i < count; i++) {
    const ordered = i === 0 || table.labels[i]! > table.labels[i - 1]!;
    if (!ordered || table.articleOf[i]! >= articleCount || table.fileOf[i]! >= table.files.length || (table.regions[i]! & ~KNOWN_REGIONS) !== 0) {
      throw new Error(`chunks: ${name}: entry ${i} is inconsistent`);
    }
  }
  if (table.idSlots.some((slot) => slot > count)) throw new Error(`chunks: ${name}: id table points past the entries`);
  if (table.idStarts[count] !== idBytes) throw new Error(`chunks: ${name}: id offsets do not match the ids`);
  return table;
}

const NEWLINE = 0x0a;

function decodeArticles(bytes: Buffer, name: string): IndexedArticle[] {
  const articles: IndexedArticle[] = [];
  for (let start = 0, line = 1; start < bytes.length; line++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    const article = parseJson(bytes.toString('utf8', start, end)) as Partial<IndexedArticle> | undefined;
    if (typeof article !== 'object' || article === null || typeof article.id !== 'string' || !Array.isArray(article.regions)) {
      throw new Error(`chunks: ${name}: line ${line} is not an article`);
    }
    articles.push(article as IndexedArticle);
    start = end + 1;
  }
  return articles;
}

/** The parsed value, or undefined for text that is not JSON (the caller names the damage). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
