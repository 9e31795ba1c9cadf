import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/index/bm25.js';
import { BM25_HEADER_BYTES, sections } from '../../src/index/bm25-file.js';
import { analyze } from '../../src/text/analyzer.js';

const DOCS = [
  'В Алматы открылась новая поликлиника для жителей микрорайона',
  'Аким области рассказал о строительстве новых школ в сёлах',
  'Дороги региона отремонтируют до конца года, сообщил аким',
  'Фермеры получили субсидии на посевную кампанию',
];

function indexOf(docs: string[]): Bm25Index {
  const index = new Bm25Index();
  docs.forEach((text, label) => index.add(label, analyze(text)));
  return index;
}

const labels = (hits: Array<{ label: number }>) => hits.map((h) => h.label);

/** The same index as a version 1 file: no impact sections, the header's version 1 and no impact threshold. */
function asVersion1(v2: Uint8Array): Uint8Array {
  const header = new DataView(v2.buffer, v2.byteOffset, BM25_HEADER_BYTES);
  const [terms, postings, capacity, vocabBytes] = [12, 16, 20, 24].map((at) => header.getUint32(at, true)) as [number, number, number, number];
  const layout = sections(terms, postings, capacity, vocabBytes);
  const v1 = new Uint8Array(layout.total);
  v1.set(v2.subarray(0, layout.vocab));
  v1.set(v2.subarray(v2.byteLength - vocabBytes), layout.vocab);
  const v1Header = new DataView(v1.buffer);
  v1Header.setUint32(8, 1, true);
  v1Header.setUint32(28, 0, true);
  return v1;
}

describe('Bm25Index', () => {
  it('ranks the passage with the stemmed query word first', () => {
    const index = indexOf(DOCS);
    // "школы" is not in any passage as written; the stem meets "школ".
    expect(labels(index.search(analyze('Где строят школы?'), 3))).toEqual([1]);
    expect(labels(index.search(analyze('поликлиники Алматы'), 4))[0]).toBe(0);
  });

  it('weighs rare terms above common ones and reports document frequencies', () => {
    const index = indexOf(DOCS);
    const [akim] = analyze('аким');
    const [farmer] = analyze('фермеры');
    expect(index.docFreq(akim!)).toBe(2);
    expect(index.docFreq(farmer!)).toBe(1);
    expect(index.docFreq('несуществующий')).toBe(0);
    expect(index.idf(farmer!)).toBeGreaterThan(index.idf(akim!));
    // A passage with the rare term beats one with the common term.
    expect(labels(index.search([akim!, farmer!], 4))[0]).toBe(3);
  });

  it('prefers the shorter passage at equal term frequency', () => {
    const index = indexOf(['налог', 'налог ставка бюджет доход расход отчет план', 'бюджет']);
    expect(labels(index.search(['налог'], 2))).toEqual([0, 1]);
  });

  it('lets a lighter query term (a synonym) count less than the asked one', () => {
    const index = indexOf(['врач приехал в село', 'медик приехал в село']);
    const hits = index.search([{ term: 'врач', weight: 1 }, { term: 'медик', weight: 0.5 }], 2);
    expect(labels(hits)).toEqual([0, 1]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('consults the filter and returns only accepted labels', () => {
    const index = indexOf(DOCS);
    expect(labels(index.search(analyze('аким'), 5, (label) => label !== 1))).toEqual([2]);
  });

  it('forgets removed documents, in search and in document frequencies', () => {
    const index = indexOf(DOCS);
    const [akim] = analyze('аким');
    index.remove([1]);
    expect(index.size).toBe(3);
    expect(index.has(1)).toBe(false);
    expect(index.docFreq(akim!)).toBe(1);
    expect(labels(index.search(analyze('школы аким'), 5))).toEqual([2]);
    expect(() => index.remove([1])).toThrow('bm25: no document with label 1');
  });

  it('round-trips through its file and keeps accepting documents after loading', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-bm25-'));
    try {
      const index = indexOf(DOCS);
      index.remove([2]);
      const file = path.join(dir, 'bm25.bin');
      await index.save(file);
      const loaded = await Bm25Index.load(file);
      for (const q of ['аким школы', 'поликлиника', 'субсидии фермеры аким']) {
        expect(loaded.search(analyze(q), 5)).toEqual(index.search(analyze(q), 5));
      }
      expect(loaded.size).toBe(3);
      // Loaded postings are views on one buffer: growing one term's list must not spill into the next.
      loaded.add(10, analyze('Аким открыл новую школу и поликлинику'));
      index.add(10, analyze('Аким открыл новую школу и поликлинику'));
      for (const q of ['аким', 'школа', 'поликлиника', 'субсидии']) {
        expect(loaded.search(analyze(q), 5)).toEqual(index.search(analyze(q), 5));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a version 1 file (without impacts) and ranks as the version 2 file does', async () => {
    const index = new Bm25Index();
    for (let label = 0; label < 3000; label++) index.add(label, analyze(DOCS[label % DOCS.length] ?? ''));
    const v2 = index.encode();
    const v1 = asVersion1(v2);
    expect(v1.byteLength).toBeLessThan(v2.byteLength);
    const [old, now] = [Bm25Index.decode(v1, 'v1'), Bm25Index.decode(v2, 'v2')];
    for (const q of ['аким школы', 'поликлиника', 'субсидии фермеры аким']) {
      for (const scanLimit of [1 << 18, 0]) {
        old.scanLimit = now.scanLimit = scanLimit;
        expect(old.search(analyze(q), 5)).toEqual(now.search(analyze(q), 5));
      }
    }
    // Its long lists' bounds are computed by the pass after load, as before version 2.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-bm25v1-'));
    try {
      await writeFile(path.join(dir, 'bm25.bin'), v1);
      const loaded = await Bm25Index.load(path.join(dir, 'bm25.bin'));
      await loaded.boundsReady;
      expect(loaded.search(analyze('аким школы'), 5)).toEqual(now.search(analyze('аким школы'), 5));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a damaged file with a message naming it', () => {
    const bytes = indexOf(DOCS).encode();
    expect(() => Bm25Index.decode(bytes.subarray(0, 60), 'x/bm25.bin')).toThrow(/^bm25: x\/bm25\.bin: 60 bytes, shorter than its \d+ posting offsets$/);
    expect(() => Bm25Index.decode(bytes.subarray(0, bytes.length - 3), 'x/bm25.bin')).toThrow(/^bm25: x\/bm25\.bin: \d+ bytes, header implies \d+$/);
    expect(() => Bm25Index.decode(new Uint8Array(64), 'x/bm25.bin')).toThrow('bm25: x/bm25.bin: not a BM25 index file');
  });
});
