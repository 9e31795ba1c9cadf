import { open } from 'node:fs/promises';

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
