import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { xxh32 } from '@node-rs/xxhash';
import type { IndexedArticle } from './article-table.js';
import type { Chunk } from './chunk.js';
import type { Table } from './chunk-table.js';
import { itemAt } from '../shared/arrays.js';
import { fnv1a } from '../shared/hash-mix.js';

/** Every chunk as UTF-8 JSON, back to back, in label order. */
export const CHUNK_RECORDS_FILE = 'chunks.bin';

/** Writes and sequential reads go in blocks of this size. */
const BLOCK_BYTES = 4 << 20;

export /** The records file, open for reads at any offset, with the table that maps labels and ids onto it. */
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
    const expected = itemAt(table.offsets, table.labels.length);
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
      const at = itemAt(labels, mid);
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
    for (let slot = fnv1a(id) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const position = itemAt(slots, slot) - 1;
      if (this.idAt(position) === id) return position;
    }
    return -1;
  }

  idAt(position: number): string {
    return this.table.ids.toString('utf8', this.table.idStarts[position], this.table.idStarts[position + 1]);
  }

  fileAt(position: number): string {
    return itemAt(this.table.files, itemAt(this.table.fileOf, position));
  }

  /** Reads `length` bytes at `offset` into `target`. */
  readInto(target: Buffer, offset: number): number {
    if (this.fd === null) throw new Error(`chunks: ${this.file} is closed`);
    return readSync(this.fd, target, 0, target.byteLength, offset);
  }

  read(position: number): Chunk {
    const start = itemAt(this.table.offsets, position);
    const bytes = Buffer.allocUnsafe(itemAt(this.table.offsets, position + 1) - start);
    if (this.readInto(bytes, start) !== bytes.byteLength) throw this.damaged(position);
    return this.parse(bytes, position);
  }

  /** Checks the record against the table: a damaged or misplaced record fails here, not in an answer. */
  parse(bytes: Buffer, position: number): Chunk {
    // A garbled letter still parses as JSON with the right id: only the checksum tells.
    if (xxh32(bytes) !== this.table.checksums[position]) throw this.damaged(position);
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

export /** Reads records in increasing position through a window of the file: one read per block, not per record. */
class BlockReader {
  private window = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly records: RecordFile) {}

  /** The record's bytes; valid after the next call too (a new window is a new buffer). */
  bytes(position: number): Buffer {
    const from = itemAt(this.records.table.offsets, position);
    const to = itemAt(this.records.table.offsets, position + 1);
    if (from < this.start || to > this.start + this.window.byteLength) {
      const window = Buffer.allocUnsafe(Math.min(Math.max(BLOCK_BYTES, to - from), itemAt(this.records.table.offsets, this.records.table.offsets.length - 1) - from));
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

export /** Appends to a file through one reused block: records are encoded straight into it. */
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

  /**
   * Appends `text` as UTF-8; returns its byte length and the xxh32 of those bytes, hashed where they were
   * written: `xxh32(text)` would encode the text to UTF-8 a second time (≈ 7 µs a chunk record).
   */
  async summedText(text: string): Promise<{ length: number; checksum: number }> {
    if (this.used + 3 * text.length > this.block.byteLength) await this.flush();
    if (3 * text.length > this.block.byteLength) {
      const bytes = Buffer.from(text);
      return { length: await this.bytes(bytes), checksum: xxh32(bytes) };
    }
    const start = this.used;
    const length = this.block.write(text, start);
    this.used += length;
    return { length, checksum: xxh32(this.block.subarray(start, start + length)) };
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

export /** Runs `fill` with a block writer on `file`, then flushes and fsyncs it. */
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

export /** The parsed value, or undefined for text that is not JSON (the caller names the damage). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
