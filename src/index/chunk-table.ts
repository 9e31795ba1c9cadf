import { KNOWN_REGIONS } from './facets.js';
import { itemAt } from '../shared/arrays.js';
import { fnv1a } from '../shared/hash-mix.js';

/** Per chunk: label, record offset, article, file, regions, date and id, and an id hash table; see tableLayout. */
export const CHUNK_TABLE_FILE = 'chunks.idx';

export interface Table {
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
  /** xxh32 of each record's bytes: a record garbled on disk is caught when read, not served. */
  checksums: Uint32Array;
  /** Byte offset of each id in `ids`, and the total last. */
  idStarts: Uint32Array;
  /** Hash table from id to position (see hashIds). */
  idSlots: Uint32Array;
  ids: Buffer;
  files: string[];
  articleCount: number;
}

export /** Slots of the id hash table: a power of two at least twice the count, so probes stay short. */
function slotCount(count: number): number {
  return 2 ** Math.max(1, Math.ceil(Math.log2(2 * count)));

}export 
/** Open addressing with linear probing; a slot holds position + 1, 0 when empty. */
function hashIds(ids: readonly string[]): Uint32Array {
  const slots = new Uint32Array(slotCount(ids.length));
  const mask = slots.length - 1;
  ids.forEach((id, position) => {
    let slot = fnv1a(id) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = position + 1;
  });
  return slots;
}

const TABLE_MAGIC = 'ZCHUNKS3';
/** Magic, then u32 LE: count, article count, bytes of the file list, bytes of the ids. */
const TABLE_HEADER_BYTES = 24;

/**
 * Section offsets of a table file: after the header, f64 offsets[count + 1] (8-aligned), u32
 * labels[count], articleOf[count], fileOf[count], regions[count], i32 days[count], u32
 * checksums[count], idStarts[count + 1], idSlots[slotCount(count)], the file list as a UTF-8 JSON array, the ids as UTF-8. Arrays are in the machine's
 * (little-endian) order.
 */
function tableLayout(count: number, filesBytes: number, idBytes: number) {
  const offsets = TABLE_HEADER_BYTES;
  const labels = offsets + (count + 1) * 8;
  const articleOf = labels + count * 4;
  const fileOf = articleOf + count * 4;
  const regions = fileOf + count * 4;
  const days = regions + count * 4;
  const checksums = days + count * 4;
  const idStarts = checksums + count * 4;
  const idSlots = idStarts + (count + 1) * 4;
  const files = idSlots + slotCount(count) * 4;
  const ids = files + filesBytes;
  return { offsets, labels, articleOf, fileOf, regions, days, checksums, idStarts, idSlots, files, ids, total: ids + idBytes };
}
export function encodeTable(t: Table): Uint8Array {
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
  new Uint32Array(bytes.buffer, at.checksums, count).set(t.checksums);
  new Uint32Array(bytes.buffer, at.idStarts, count + 1).set(t.idStarts);
  new Uint32Array(bytes.buffer, at.idSlots, t.idSlots.length).set(t.idSlots);
  bytes.set(files, at.files);
  bytes.set(t.ids, at.ids);
  return bytes;
}

export /** The table as views on the file's bytes (copied once if misaligned); checks what lookups rely on. */
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
    checksums: u32(at.checksums, count),
    idStarts: u32(at.idStarts, count + 1),
    idSlots: u32(at.idSlots, slotCount(count)),
    files: JSON.parse(buffer(at.files, filesBytes).toString('utf8')) as string[],
    ids: buffer(at.ids, idBytes),
    articleCount,
  };
  for (let i = 0; i < count; i++) {
    const ordered = i === 0 || itemAt(table.labels, i) > itemAt(table.labels, i - 1);
    if (!ordered || itemAt(table.articleOf, i) >= articleCount || itemAt(table.fileOf, i) >= table.files.length || (itemAt(table.regions, i) & ~KNOWN_REGIONS) !== 0) {
      throw new Error(`chunks: ${name}: entry ${i} is inconsistent`);
    }
  }
  if (table.idSlots.some((slot) => slot > count)) throw new Error(`chunks: ${name}: id table points past the entries`);
  if (table.idStarts[count] !== idBytes) throw new Error(`chunks: ${name}: id offsets do not match the ids`);
  return table;
}
