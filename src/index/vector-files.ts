/**
 * The files a saved vector store consists of: the graph shards (hnswlib's own format), the labels file
 * beside them, or the flat form's int8 vectors. Names, the labels file's format and its reading and writing,
 * and the graph shards read back.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import type { HnswOptions } from './hnsw-options.js';
import { syncFile, writeDurably } from '../shared/atomic-write.js';

export const HNSW_FILE = 'vectors.hnsw';
/**
 * The flat form's one file: the int8 copy (`QuantizedVectors.encode`), labels included. Written instead of
 * the graph while every search is exact (see `HnswVectorStore`).
 */
export const FLAT_FILE = 'vectors.int8';

/**
 * What a saved store holds: `graph`, the HNSW graph shards and their labels (the int8 copy is read back from
 * the graph files); `flat`, the int8 vectors alone, searched by full scan. The index manifest records it.
 */
export type VectorForm = 'graph' | 'flat';

/** The form of the store whose `save` wrote `names`. */
export const vectorFormOf = (names: readonly string[]): VectorForm => (names.includes(FLAT_FILE) ? 'flat' : 'graph');
/**
 * Dimension, shard count and live labels (u32 little-endian): hnswlib keeps deleted labels in its file
 * and does not record the dimension, so both are saved beside it.
 */
export const LABELS_FILE = 'vectors.labels';

/** The file of graph shard i: the first keeps the single-graph name. */
export const shardFile = (shard: number) => (shard === 0 ? HNSW_FILE : `vectors.${shard}.hnsw`);

/** The graph files of the store saved in dir, from its labels file. */
export async function shardFiles(dir: string): Promise<string[]> {
  const { shards } = decodeLabels(await readFile(path.join(dir, LABELS_FILE)));
  return Array.from({ length: shards }, (_, i) => shardFile(i));
}

/** Writes the labels file (durably); returns its name. */
export async function writeLabels(dir: string, dimension: number, shards: number, labels: readonly number[]): Promise<string> {
  await writeDurably(path.join(dir, LABELS_FILE), encodeLabels(dimension, shards, labels));
  return LABELS_FILE;
}

/**
 * "ZVL1": magic, dimension, label count (u32 each), then the labels: one graph, the layout every index
 * had before shards, still written for one graph so those indexes load as they are.
 * "ZVL2": magic, dimension, shard count, label count, then the labels: several shards. An older reader
 * rejects it as not a label file of its format, and rebuilds.
 */
const LABELS_MAGIC_ONE = 0x4c565a31;
const LABELS_MAGIC_SHARDS = 0x4c565a32;

function encodeLabels(dimension: number, shards: number, labels: readonly number[]): Uint8Array {
  const header = shards === 1 ? [LABELS_MAGIC_ONE, dimension, labels.length] : [LABELS_MAGIC_SHARDS, dimension, shards, labels.length];
  const bytes = new Uint8Array((header.length + labels.length) * 4);
  const view = new DataView(bytes.buffer);
  [...header, ...labels].forEach((x, i) => view.setUint32(i * 4, x, true));
  return bytes;
}

/** Reads a labels file (either layout); throws on anything else. */
export function decodeLabels(bytes: Uint8Array): { dimension: number; shards: number; labels: number[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = bytes.byteLength >= 12 ? view.getUint32(0, true) : 0;
  const headerWords = magic === LABELS_MAGIC_ONE ? 3 : magic === LABELS_MAGIC_SHARDS && bytes.byteLength >= 16 ? 4 : 0;
  const shards = headerWords === 3 ? 1 : headerWords === 4 ? view.getUint32(8, true) : 0;
  const count = headerWords > 0 ? view.getUint32((headerWords - 1) * 4, true) : -1;
  if (count < 0 || shards < 1 || bytes.byteLength !== (headerWords + count) * 4) {
    throw new Error(`vectors: ${LABELS_FILE} is not a label file of this format`);
  }
  const labels = new Array<number>(count);
  for (let i = 0; i < count; i++) labels[i] = view.getUint32((headerWords + i) * 4, true);
  return { dimension: view.getUint32(4, true), shards, labels };
}

/** The graph shards saved in `dir` and their labels, checked against the dimension the embedder gives. */
export async function readGraphShards(dir: string, dimension: number): Promise<{ shards: hnswlib.HierarchicalNSW[]; labels: number[] }> {
  // hnswlib's own message for a missing file is "Cannot open file", without the name.
  await access(path.join(dir, HNSW_FILE));
  // hnswlib's file does not record the dimension and would read any; the labels file does.
  const saved = decodeLabels(await readFile(path.join(dir, LABELS_FILE)));
  if (saved.dimension !== dimension) throw new Error(`vectors: ${dir} holds dimension ${saved.dimension}, expected ${dimension}`);
  const shards = await Promise.all(
    Array.from({ length: saved.shards }, async (_, i) => {
      const file = path.join(dir, shardFile(i));
      await access(file);
      const index = new hnswlib.HierarchicalNSW('cosine', dimension);
      await index.readIndex(file, true);
      return index;
    }),
  );
  return { shards, labels: saved.labels };
}

/** An empty graph in the cosine space, whose deleted slots later additions reuse. */
export function newGraph(dimension: number, options: Pick<HnswOptions, 'm' | 'efConstruction'>, capacity: number): hnswlib.HierarchicalNSW {
  const index = new hnswlib.HierarchicalNSW('cosine', dimension);
  index.initIndex({ maxElements: capacity, m: options.m, efConstruction: options.efConstruction, allowReplaceDeleted: true });
  return index;
}

/** Writes each shard to its file, synced; returns the file names in shard order. */
export async function writeGraphShards(dir: string, shards: readonly hnswlib.HierarchicalNSW[]): Promise<string[]> {
  const names = shards.map((_, i) => shardFile(i));
  for (const [i, shard] of shards.entries()) {
    const file = path.join(dir, shardFile(i));
    await shard.writeIndex(file);
    await syncFile(file);
  }
  return names;
}

/** A label's vector in whichever shard holds it, or undefined. */
export function pointOf(shards: readonly hnswlib.HierarchicalNSW[], label: number): Float32Array | undefined {
  for (const shard of shards) {
    try {
      return Float32Array.from(shard.getPoint(label));
    } catch {
      // not in this shard
    }
  }
  return undefined;
}
