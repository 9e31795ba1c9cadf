import { open, type FileHandle } from 'node:fs/promises';
import { QuantizedVectors } from './quantized-vectors.js';

/**
 * Reading the int8 vector file (`QuantizedVectors.encode`'s form: FLAT_FILE_MAGIC, dimension, count as u32;
 * the labels ascending as u32; their scales as float32; their codes, `dimension` bytes each; little-endian).
 *
 * `readFlatFile` reads the codes straight into the copy's rows, a slice at a time. It used to read the whole
 * file first and decode it: at 1M chunks a buffer of 392 MB of fresh memory to fill (≈ 1.4 s on a machine whose
 * first touch of a page costs ≈ 3.5 s per GiB) and copy once more, on the load's path.
 */

/** "1ZVQ" little-endian. */
const FLAT_FILE_MAGIC = 0x51565a31;
const FLAT_HEADER_BYTES = 12;
/** Codes read per call (a slice of consecutive labels goes straight into its rows; others through a buffer of this size). */
const SLICE_BYTES = 4 << 20;

/** Reads the file at `file` (named `name` in errors) for vectors of `dimension`; throws naming it when it is not that form. */
export async function readFlatFile(file: string, dimension: number, name = file): Promise<QuantizedVectors> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    const at = (into: Uint8Array | Int8Array, position: number) => readAt(handle, into, position, name);
    const header = await at(new Uint8Array(Math.min(size, FLAT_HEADER_BYTES)), 0);
    const n = checkHeader(header, size, dimension, name);
    const table = await at(new Uint8Array(n * 8), FLAT_HEADER_BYTES);
    const [labels, copy] = fromTable(table, n, dimension, name);
    const codesAt = FLAT_HEADER_BYTES + n * 8;
    const perSlice = Math.max(1, Math.floor(SLICE_BYTES / dimension));
    let buffer: Uint8Array | undefined;
    for (let i = 0; i < n; i += perSlice) {
      const count = Math.min(perSlice, n - i);
      const first = labels[i] ?? 0;
      if ((labels[i + count - 1] ?? 0) - first === count - 1) {
        await at(copy.rowsOf(first, count), codesAt + i * dimension);
        continue;
      }
      buffer ??= new Uint8Array(perSlice * dimension);
      const slice = await at(buffer.subarray(0, count * dimension), codesAt + i * dimension);
      for (let j = 0; j < count; j++) copy.rowsOf(labels[i + j] ?? 0, 1).set(slice.subarray(j * dimension, (j + 1) * dimension));
    }
    return copy;
  } finally {
    await handle.close();
  }
}

/** The file form of `copy`: 392 bytes a vector at 384 dimensions. */
export function encodeFlat(copy: QuantizedVectors): Uint8Array {
  const labels = copy.labels();
  const n = labels.length;
  const d = copy.dimension;
  const bytes = new Uint8Array(FLAT_HEADER_BYTES + n * (8 + d));
  const view = new DataView(bytes.buffer);
  [FLAT_FILE_MAGIC, d, n].forEach((x, i) => view.setUint32(i * 4, x, true));
  const codesAt = FLAT_HEADER_BYTES + n * 8;
  labels.forEach((label, i) => {
    view.setUint32(FLAT_HEADER_BYTES + i * 4, label, true);
    view.setFloat32(FLAT_HEADER_BYTES + n * 4 + i * 4, copy.scaleOf(label), true);
    bytes.set(copy.rowsOf(label, 1), codesAt + i * d);
  });
  return bytes;
}

/** The vector count the header gives, once it and the file's size agree with `dimension`. */
function checkHeader(header: Uint8Array, size: number, dimension: number, name: string): number {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const word = (at: number) => (header.byteLength >= at + 4 ? view.getUint32(at, true) : -1);
  if (word(0) !== FLAT_FILE_MAGIC) throw new Error(`vectors: ${name} is not an int8 vector file of this format`);
  if (word(4) !== dimension) throw new Error(`vectors: ${name} holds dimension ${word(4)}, expected ${dimension}`);
  const n = word(8);
  const expected = FLAT_HEADER_BYTES + n * (8 + dimension);
  if (size !== expected) throw new Error(`vectors: ${name} has ${size} bytes, expected ${expected} for ${n} vectors of dimension ${dimension} (truncated or corrupt)`);
  return n;
}

/** The labels of `table` (the file's labels then scales), and a copy holding them and their scales, its codes still zero. */
function fromTable(table: Uint8Array, n: number, dimension: number, name: string): [Uint32Array, QuantizedVectors] {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const labels = new Uint32Array(n);
  const scales = new Float32Array(n);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const [label, scale] = [view.getUint32(i * 4, true), view.getFloat32(n * 4 + i * 4, true)];
    if (label <= previous || !(scale >= 0 && scale < Infinity)) throw new Error(`vectors: ${name} is corrupt at vector ${i} (label ${label}, scale ${scale})`);
    previous = label;
    labels[i] = label;
    scales[i] = scale;
  }
  return [labels, QuantizedVectors.withScales(dimension, labels, scales)];
}

/** Fills `into` from the file at `position` (a short read means the file shrank meanwhile). */
async function readAt(handle: FileHandle, into: Uint8Array | Int8Array, position: number, name: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesRead } = await handle.read(bytes, done, bytes.byteLength - done, position + done);
    if (bytesRead === 0) throw new Error(`vectors: ${name} ended ${bytes.byteLength - done} bytes early at ${position + done}`);
    done += bytesRead;
  }
  return bytes;
}
