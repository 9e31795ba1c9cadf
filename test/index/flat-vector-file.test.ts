import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeFlat, readFlatFile } from '../../src/index/flat-vector-file.js';
import { QuantizedVectors } from '../../src/index/quantized-vectors.js';
import { randomVectors } from '../helpers/random-vectors.js';

describe('the int8 vector file', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  const roundTrip = async (copy: QuantizedVectors) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-flat-'));
    dirs.push(dir);
    const file = path.join(dir, 'vectors.i8');
    await writeFile(file, encodeFlat(copy));
    return readFlatFile(file, copy.dimension);
  };
  const dimension = 16;
  const vectors = randomVectors(300, dimension, 41);

  // Consecutive labels are read straight into their rows; labels with gaps (deleted vectors) through a buffer.
  it.each([
    ['consecutive labels', [] as number[]],
    ['labels with gaps', [0, 3, 4, 150, 299]],
  ])('reads back every label, scale and code (%s), with room for new rows', async (_, deleted) => {
    const copy = new QuantizedVectors(dimension);
    vectors.forEach((v, label) => copy.set(label, v));
    for (const label of deleted) copy.delete(label);
    const read = await roundTrip(copy);
    expect(read.labels()).toEqual(copy.labels());
    for (const label of copy.labels()) {
      expect(read.scaleOf(label)).toBe(copy.scaleOf(label));
      expect(read.rowsOf(label, 1)).toEqual(copy.rowsOf(label, 1));
    }
    expect(read.has(3)).toBe(deleted.length === 0);
    read.set(300, vectors[1]!);
    expect(read.rowsOf(300, 1)).toEqual(copy.rowsOf(1, 1));
  });
});
