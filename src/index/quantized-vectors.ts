import { open } from 'node:fs/promises';
import type { LabelHit } from './vector-store.js';

/**
 * Unit vectors kept by label as int8 codes with one float scale each (`dimension` + 4 bytes a vector:
 * 388 bytes at 384 dimensions, 37 MiB per 100k chunks), for the exact side of a filtered search: a filter
 * that allows a few thousand labels is cheaper to rank one by one than to walk the graph for (see
 * `HnswOptions.exactSearchLimit`). The query stays float32, so a score's error is the codes' rounding
 * alone (half a step of max|x|/127 per component).
 */
export class QuantizedVectors {
  private codes: Int8Array;
  /** max|x| / 127 per label; NaN where the label holds no vector. */
  private scales: Float32Array;

  constructor(readonly dimension: number, capacity = 0) {
    this.codes = new Int8Array(capacity * dimension);
    this.scales = new Float32Array(capacity).fill(NaN);
  }

  /** Bytes held (codes and scales). */
  get bytes(): number {
    return this.codes.byteLength + this.scales.byteLength;
  }

  has(label: number): boolean {
    return label < this.scales.length && !Number.isNaN(this.scales[label]);
  }

  /** Stores a unit-length vector (hnswlib's cosine space stores the same) under `label`. */
  set(label: number, unit: Float32Array): void {
    if (label >= this.scales.length) this.grow(label + 1);
    const d = this.dimension;
    let max = 0;
    for (let i = 0; i < d; i++) {
      const x = unit[i] ?? 0;
      if (x > max) max = x;
      else if (-x > max) max = -x;
    }
    const inverse = max > 0 ? 127 / max : 0;
    // A view on the label's row: the writes are then plain typed-array stores (0.8 s → a fraction at 100k).
    const row = this.codes.subarray(label * d, label * d + d);
    for (let i = 0; i < d; i++) {
      const x = (unit[i] ?? 0) * inverse;
      // Round half away from zero; |x| ≤ 127, so the Int8Array store cannot wrap.
      row[i] = x < 0 ? -Math.floor(0.5 - x) : Math.floor(x + 0.5);
    }
    this.scales[label] = max / 127;
  }

  delete(label: number): void {
    if (label < this.scales.length) this.scales[label] = NaN;
  }

  /**
   * The k labels of `labels` (those holding a vector) with the largest dot product with `query`, best first,
   * ties by label.
   */
  top(query: Float32Array, labels: ArrayLike<number>, k: number): LabelHit[] {
    const d = this.dimension;
    const codes = this.codes;
    const scales = this.scales;
    // The k best so far, ascending by score: a candidate below the k-th is dropped after one comparison,
    // so the insertion cost (O(k)) is paid only a few hundred times per search.
    const bestLabels: number[] = [];
    const bestScores: number[] = [];
    for (let j = 0; j < labels.length; j++) {
      const label = labels[j] ?? 0;
      const scale = scales[label];
      if (scale === undefined || Number.isNaN(scale)) continue;
      const base = label * d;
      // Four sums: independent additions pipeline.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let i = 0;
      for (; i + 3 < d; i += 4) {
        s0 += (codes[base + i] ?? 0) * (query[i] ?? 0);
        s1 += (codes[base + i + 1] ?? 0) * (query[i + 1] ?? 0);
        s2 += (codes[base + i + 2] ?? 0) * (query[i + 2] ?? 0);
        s3 += (codes[base + i + 3] ?? 0) * (query[i + 3] ?? 0);
      }
      for (; i < d; i++) s0 += (codes[base + i] ?? 0) * (query[i] ?? 0);
      const dot = s0 + s1 + s2 + s3;
      const score = dot * scale;
      if (bestScores.length === k && !(score > (bestScores[0] ?? -Infinity))) continue;
      let at = bestScores.length === k ? 0 : bestScores.length;
      if (bestScores.length === k) {
        // Drop the weakest, shift the weaker ones down until the new score's place.
        while (at + 1 < k && (bestScores[at + 1] ?? 0) < score) {
          bestScores[at] = bestScores[at + 1] ?? 0;
          bestLabels[at] = bestLabels[at + 1] ?? 0;
          at += 1;
        }
      } else {
        while (at > 0 && (bestScores[at - 1] ?? 0) > score) {
          bestScores[at] = bestScores[at - 1] ?? 0;
          bestLabels[at] = bestLabels[at - 1] ?? 0;
          at -= 1;
        }
      }
      bestScores[at] = score;
      bestLabels[at] = label;
    }
    const hits = bestLabels.map((label, i) => ({ label, score: bestScores[i] ?? 0 }));
    return hits.sort((a, b) => b.score - a.score || a.label - b.label);
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, Math.ceil(this.scales.length * 1.5), 1024);
    const codes = new Int8Array(capacity * this.dimension);
    codes.set(this.codes);
    const scales = new Float32Array(capacity).fill(NaN);
    scales.set(this.scales);
    this.codes = codes;
    this.scales = scales;
  }
}

/** hnswlib's header: 6 size_t, an int, a u32, 3 size_t, a double, a size_t (hnswalg.h `saveIndex`). */
const HEADER_BYTES = 96;
/** hnswlib's mark of a deleted element, in the third byte of its level-0 link list header. */
const DELETE_MARK = 0x01;

/**
 * Calls `visit` with the label and the stored (unit, for the cosine space) vector of every element of an
 * hnswlib graph file not marked deleted, reading the file in blocks of a few MiB: hnswlib-node's
 * `getPoint` costs ≈ 100 µs a call (10 s for 100k points), a pass over the file well under a second. The
 * vector passed is a view into the read buffer, valid during the call only. Throws naming the file when
 * its layout is not the one of `dimension` float32 components this reader knows.
 */
export async function readGraphVectors(file: string, dimension: number, visit: (label: number, vector: Float32Array) => void): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    await handle.read(header, 0, HEADER_BYTES, 0);
    const offsetLevel0 = Number(header.readBigUInt64LE(0));
    const count = Number(header.readBigUInt64LE(16));
    const perElement = Number(header.readBigUInt64LE(24));
    const labelOffset = Number(header.readBigUInt64LE(32));
    const dataOffset = Number(header.readBigUInt64LE(40));
    const { size } = await handle.stat();
    if (labelOffset !== dataOffset + dimension * 4 || perElement !== labelOffset + 8 || size < HEADER_BYTES + count * perElement) {
      throw new Error(`vectors: ${file} is not an hnswlib graph of dimension ${dimension} in the layout this reader knows (element ${perElement} bytes, data at ${dataOffset}, label at ${labelOffset})`);
    }
    const perBlock = Math.max(1, Math.floor((4 << 20) / perElement));
    // A fresh ArrayBuffer (offset 0): the float32 views below need 4-byte alignment.
    const block = new Uint8Array(perBlock * perElement);
    const buffer = Buffer.from(block.buffer);
    const aligned = perElement % 4 === 0 && dataOffset % 4 === 0;
    const copy = new Float32Array(dimension);
    let seen = 0;
    for (let first = 0; first < count; first += perBlock) {
      const elements = Math.min(perBlock, count - first);
      const bytes = elements * perElement;
      let got = 0;
      while (got < bytes) {
        const { bytesRead } = await handle.read(block, got, bytes - got, HEADER_BYTES + first * perElement + got);
        if (bytesRead === 0) throw new Error(`vectors: ${file} ended inside element ${first + Math.floor(got / perElement)}`);
        got += bytesRead;
      }
      for (let e = 0; e < elements; e++) {
        const at = e * perElement;
        if (((block[at + offsetLevel0 + 2] ?? 0) & DELETE_MARK) !== 0) continue;
        const label = buffer.readUInt32LE(at + labelOffset) + buffer.readUInt32LE(at + labelOffset + 4) * 2 ** 32;
        let vector: Float32Array;
        if (aligned) {
          vector = new Float32Array(block.buffer, at + dataOffset, dimension);
        } else {
          for (let i = 0; i < dimension; i++) copy[i] = buffer.readFloatLE(at + dataOffset + i * 4);
          vector = copy;
        }
        visit(label, vector);
        seen += 1;
      }
    }
    return seen;
  } finally {
    await handle.close();
  }
}
