import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { Bm25Builder } from '../../src/index/bm25-builder.js';
import { Bm25Index } from '../../src/index/bm25.js';

/** Deterministic pseudo-random numbers (mulberry32): the same corpus on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A full build writes its BM25 file through the builder and serves it loaded: the file must be the one
// Bm25Index writes for the same documents, or a full build and an update would rank differently.
it('writes byte for byte the file Bm25Index writes, for a Zipf-like vocabulary over several pool segments', async () => {
  const next = random(13);
  // Pool segments of 2^16 entries: the 360k postings fill several.
  const builder = new Bm25Builder({}, 16);
  const index = new Bm25Index();
  // 30k documents of 45 terms: common terms with lists longer than the largest block, and a long tail of
  // terms seen once.
  for (let label = 0; label < 30_000; label++) {
    const terms = Array.from({ length: 45 }, () => `т${Math.floor(1 / (next() + 1e-6) ** 1.1)}`);
    if (label % 7 === 0) terms.push('повтор', 'повтор', 'повтор');
    // Labels with gaps, as an index with removed chunks has.
    const at = label + Math.floor(label / 1000);
    builder.add(at, terms);
    index.add(at, terms);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-bm25b-'));
  try {
    await builder.save(path.join(dir, 'built.bin'));
    await index.save(path.join(dir, 'index.bin'));
    const built = await readFile(path.join(dir, 'built.bin'));
    expect(built.equals(await readFile(path.join(dir, 'index.bin')))).toBe(true);
    // And it serves: the repeated term's documents come first for it.
    const loaded = Bm25Index.decode(new Uint8Array(built));
    expect(loaded.search(['повтор'], 3).map((h) => h.label % 7)).toEqual([0, 0, 0]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('writes the same readable file as Bm25Index when no list is long enough for impacts', async () => {
  const builder = new Bm25Builder();
  const index = new Bm25Index();
  // An odd number of postings: the tfs section ends off a 4-byte boundary, and no impact section follows it.
  for (const [label, terms] of [[0, ['а', 'б']], [1, ['б', 'в', 'в']], [2, ['г']]] as const) {
    builder.add(label, terms);
    index.add(label, terms);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-bm25s-'));
  try {
    await builder.save(path.join(dir, 'built.bin'));
    const built = await readFile(path.join(dir, 'built.bin'));
    expect(built.equals(Buffer.from(index.encode()))).toBe(true);
    expect(Bm25Index.decode(new Uint8Array(built)).search(['в'], 3).map((h) => h.label)).toEqual([1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('refuses a label twice, as the index does', () => {
  const builder = new Bm25Builder();
  builder.add(3, ['школа']);
  expect(() => builder.add(3, ['школа'])).toThrow(/label 3 already indexed/);
});

// A full build frees the pool before it reads the written file back: the two together were the build's peak.
it('frees its pool at once on release, without waiting for a garbage collection', async () => {
  const builder = new Bm25Builder();
  for (let label = 0; label < 2_000; label++) builder.add(label, [`a${label}`, `b${label % 50}`, 'общий']);
  const before = process.memoryUsage().arrayBuffers;
  await builder.release();
  // One pool segment is 2^20 entries: 4 MiB of labels and 2 MiB of tfs.
  expect(before - process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(6 * 2 ** 20);
});
