import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bm25Builder } from '../../src/index/bm25-builder.js';
import { LocalTermIds, TermIdMap } from '../../src/index/term-ids.js';

// Two workers numbering their own batches; the build thread takes the batches in label order.
const BATCHES: string[][][] = [
  [['школ', 'алматы', 'школ'], ['дорог', 'ремонт']],
  [['субсид', 'фермер'], ['школ', 'больниц', 'тараз']],
  [['больниц', 'пациент'], ['дорог', 'алматы', 'нов']],
];

describe('term ids from the encode workers', () => {
  it('build the same BM25 file as the terms as strings, new terms numbered where they first occur', async () => {
    const direct = new Bm25Builder();
    const numbered = new Bm25Builder();
    const workers = [new LocalTermIds(), new LocalTermIds()];
    const maps = [new TermIdMap(), new TermIdMap()];
    let label = 0;
    BATCHES.forEach((batch, b) => {
      const first = label;
      for (const terms of batch) direct.add(label++, terms);
      const sent = workers[b % 2]!.encode(batch);
      const ids = maps[b % 2]!.take(sent, (term) => numbered.idOf(term));
      let at = 0;
      sent.lengths.forEach((length, i) => {
        numbered.addIds(first + i, ids, at, at + length);
        at += length;
      });
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-termids-'));
    try {
      await direct.save(path.join(dir, 'a.bin'));
      await numbered.save(path.join(dir, 'b.bin'));
      expect(await readFile(path.join(dir, 'b.bin'))).toEqual(await readFile(path.join(dir, 'a.bin')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('name again, after a worker starts its numbering over, the terms it had named before', () => {
    const worker = new LocalTermIds();
    const map = new TermIdMap();
    const dictionary = new Map<string, number>();
    const lookup = (term: string) => dictionary.get(term) ?? (dictionary.set(term, dictionary.size), dictionary.size - 1);
    const first = map.take(worker.encode([['а', 'б'], ['в']]), lookup);
    expect([...first]).toEqual([0, 1, 2]);
    // A batch past the worker's bound (2^19 ids) starts over: its ids restart at 0 and name their strings again.
    const many = Array.from({ length: (1 << 19) + 1 }, (_, i) => `t${i}`);
    const big = worker.encode([['б', ...many]]);
    expect(big.reset).toBe(true);
    expect(big.fresh[0]).toBe('б');
    const ids = map.take(big, lookup);
    expect(ids[0]).toBe(1);
    expect(ids[1]).toBe(3);
  });
});
