import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/index/chunk.js';
import { ChunkStore } from '../../src/index/chunk-store.js';
import { CHUNK_TABLE_FILE } from '../../src/index/chunk-table.js';
import { CHUNK_RECORDS_FILE } from '../../src/index/record-file.js';
import type { RetrievalFilters } from '../../src/shared/filters.js';
import { makeChunk } from '../helpers/chunks.js';

function chunk(id: string, articleId: string, text: string, extra: Partial<Chunk> = {}): Chunk {
  return makeChunk({ id, articleId, text, date: '2025-04-01', source: 'test', regions: ['almaty'], ...extra });
}

const SCHOOL = chunk('c1', 'a1', 'В Алматы построят пять новых школ.');
const SCHOOL_2 = chunk('c2', 'a1', 'Школы откроются в Астане и Алматы.', { ordinal: 1, regions: ['almaty', 'astana'] });
const CLINIC = chunk('c3', 'a2', 'В Шымкенте открылась поликлиника.', { regions: ['shymkent'], file: 'b.txt', date: null, url: null });

let root: string;
const dirs = { first: '', second: '' };

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zhauap-chunks-'));
  dirs.first = path.join(root, 'first');
  dirs.second = path.join(root, 'second');
  await mkdir(dirs.first);
  await mkdir(dirs.second);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function saved(chunks: Array<[number, Chunk]>, dir = dirs.first): Promise<ChunkStore> {
  const store = new ChunkStore();
  for (const [label, c] of chunks) store.add(label, c);
  await store.save(dir);
  return ChunkStore.load(dir);
}

describe('ChunkStore', () => {
  it('reads back every chunk, its label and id, and the articles with the union of their chunks’ regions', async () => {
    const store = await saved([
      [0, SCHOOL],
      [1, CLINIC],
      [2, SCHOOL_2],
    ]);
    expect(store.size).toBe(3);
    expect(store.get(0)).toEqual(SCHOOL);
    expect(store.get(1)).toEqual(CLINIC);
    expect(store.get(2)).toEqual(SCHOOL_2);
    expect([...store.entries()]).toEqual([
      [0, SCHOOL],
      [1, CLINIC],
      [2, SCHOOL_2],
    ]);
    expect([store.labelOf('c1'), store.labelOf('c2'), store.labelOf('c3'), store.labelOf('c4')]).toEqual([0, 2, 1, undefined]);
    expect(store.articles()).toEqual([
      { id: 'a1', title: 'Статья a1', date: '2025-04-01', url: 'https://example.kz/a1', source: 'test', regions: ['almaty', 'astana'] },
      { id: 'a2', title: 'Статья a2', date: null, url: null, source: 'test', regions: ['shymkent'] },
    ]);
    expect(() => store.get(7)).toThrow('chunks: no chunk with label 7');
  });

  it('applies removals, new metadata and additions on top of a loaded store, and saves them without touching the old files', async () => {
    const store = await saved([
      [0, SCHOOL],
      [1, CLINIC],
      [2, SCHOOL_2],
    ]);
    const renamed = { ...CLINIC, title: 'Поликлиника в Шымкенте' };
    const roads = chunk('c4', 'a3', 'Аким пообещал отремонтировать дороги.', { regions: [] });
    store.remove(2);
    store.replace(1, renamed);
    store.add(3, roads);

    for (const view of [store, await (await store.save(dirs.second), ChunkStore.load(dirs.second))]) {
      expect(view.size).toBe(3);
      expect([...view.entries()]).toEqual([
        [0, SCHOOL],
        [1, renamed],
        [3, roads],
      ]);
      expect([view.labelOf('c2'), view.labelOf('c4')]).toEqual([undefined, 3]);
      expect(() => view.get(2)).toThrow('chunks: no chunk with label 2');
      // Astana came only from the removed chunk.
      expect(view.articles().map((a) => [a.id, a.title, a.regions])).toEqual([
        ['a1', 'Статья a1', ['almaty']],
        ['a2', 'Поликлиника в Шымкенте', ['shymkent']],
        ['a3', 'Статья a3', []],
      ]);
    }
    await expect(store.save(dirs.first)).rejects.toThrow(`chunks: cannot save over the loaded ${dirs.first}`);
    const before = await ChunkStore.load(dirs.first);
    expect([...before.entries()].map(([label, c]) => [label, c.title])).toEqual([
      [0, 'Статья a1'],
      [1, 'Статья a2'],
      [2, 'Статья a1'],
    ]);
  });

  it('finds each of thousands of chunks by id, ids of any shape', async () => {
    const chunks = Array.from({ length: 3000 }, (_, i): [number, Chunk] => [i * 3, chunk(`чанк-${i}`, `a${i >> 2}`, `Текст ${i}`)]);
    const store = await saved(chunks);
    const misses = chunks.filter(([label, c]) => store.labelOf(c.id) !== label || store.get(label).text !== c.text);
    expect(misses).toEqual([]);
    expect(store.labelOf('чанк-3000')).toBeUndefined();
    expect(store.articles()).toHaveLength(750);
  });

  it('refuses a reused label or id and a replacement with another chunk, naming them', async () => {
    const store = await saved([[0, SCHOOL]]);
    expect(() => store.add(0, CLINIC)).toThrow('chunks: label 0 already used');
    expect(() => store.add(5, { ...CLINIC, id: 'c1' })).toThrow('chunks: chunk c1 already stored');
    expect(() => store.replace(0, CLINIC)).toThrow('chunks: label 0 holds another chunk than c3');
    store.remove(0);
    expect(() => store.remove(0)).toThrow('chunks: no chunk with label 0');
    store.add(1, { ...SCHOOL, title: 'Снова' });
    expect(store.get(1).title).toBe('Снова');
  });

  it('keeps serving chunks after its directory is deleted (a newer generation replaced it)', async () => {
    const store = await saved([
      [0, SCHOOL],
      [1, CLINIC],
    ]);
    await rm(dirs.first, { recursive: true });
    expect(store.get(1).text).toBe(CLINIC.text);
  });

  it('reports a damaged record when it is read, and a truncated or foreign file when loading', async () => {
    await saved([
      [0, SCHOOL],
      [1, CLINIC],
    ]);
    const records = path.join(dirs.first, CHUNK_RECORDS_FILE);
    const bytes = await readFile(records);
    bytes.write('"c9"', bytes.indexOf('"c3"'));
    await writeFile(records, bytes);
    const store = await ChunkStore.load(dirs.first);
    expect(store.get(0)).toEqual(SCHOOL);
    expect(() => store.get(1)).toThrow(`chunks: ${records}: record of label 1 is damaged (rebuild with npm run ingest)`);

    await truncate(records, bytes.length - 5);
    await expect(ChunkStore.load(dirs.first)).rejects.toThrow(`chunks: ${records}: ${bytes.length - 5} bytes, the table says ${bytes.length}`);

    const table = path.join(dirs.first, CHUNK_TABLE_FILE);
    await writeFile(table, 'not a table at all, just text');
    await expect(ChunkStore.load(dirs.first)).rejects.toThrow(`chunks: ${table}: not a chunk table file`);
  });

  it('catches a garbled letter in a record that still parses (same id, same size), in a copied record too', async () => {
    await saved([
      [0, SCHOOL],
      [1, CLINIC],
    ]);
    const records = path.join(dirs.first, CHUNK_RECORDS_FILE);
    const bytes = await readFile(records);
    // "поликлиника" → "поликлинига": valid JSON, right id, same length; a reader would be quoted a wrong word.
    const at = bytes.indexOf(Buffer.from('поликлиника'));
    bytes.write('поликлинига', at);
    await writeFile(records, bytes);
    const store = await ChunkStore.load(dirs.first);
    expect(store.get(0)).toEqual(SCHOOL);
    expect(() => store.get(1)).toThrow(`chunks: ${records}: record of label 1 is damaged (rebuild with npm run ingest)`);

    // Saved into a new generation unchanged (copied without parsing), it is still caught there.
    store.add(2, SCHOOL_2);
    await store.save(dirs.second);
    const next = await ChunkStore.load(dirs.second);
    expect(next.get(2)).toEqual(SCHOOL_2);
    expect(() => next.get(1)).toThrow('record of label 1 is damaged');
  });

  it('saves and loads an empty store', async () => {
    expect(() => new ChunkStore().get(0)).toThrow('chunks: no chunk with label 0');
    const store = await saved([]);
    expect(store.size).toBe(0);
    expect([...store.entries()]).toEqual([]);
    expect(store.articles()).toEqual([]);
    expect(store.labelOf('c1')).toBeUndefined();
  });
});

describe('ChunkStore.matcher', () => {
  const LABELS = [0, 1, 2, 3, 4, 5];
  // Regions from both ends of REGIONS (abai is bit 0, shymkent bit 19); dates on both sides of April.
  const APRIL_1 = chunk('m0', 'a0', 'Один', { regions: ['almaty'], date: '2025-04-01' });
  const UNDATED = chunk('m1', 'a1', 'Два', { regions: ['shymkent'], date: null });
  const APRIL_30 = chunk('m2', 'a2', 'Три', { regions: ['almaty', 'astana'], date: '2025-04-30' });
  const MAY_1 = chunk('m3', 'a3', 'Четыре', { regions: [], date: '2025-05-01' });
  const NEW_YEAR = chunk('m4', 'a4', 'Пять', { regions: ['abai'], date: '2024-12-31' });
  const FIXTURE: Array<[number, Chunk]> = [
    [0, APRIL_1],
    [1, UNDATED],
    [2, APRIL_30],
    [3, MAY_1],
    [4, NEW_YEAR],
  ];

  /**
   * Labels the store's matcher accepts, or 'all' when it filters nothing; the list it hands a vector search
   * (`accepted`, for the exact path) must name the same labels.
   */
  function matching(store: ChunkStore, filters: RetrievalFilters): number[] | 'all' {
    const matches = store.matcher(filters);
    if (!matches) return 'all';
    const accepted = LABELS.filter(matches);
    expect([...(matches.accepted?.labels() ?? [])]).toEqual(accepted);
    expect(matches.accepted?.count).toBe(accepted.length);
    return accepted;
  }

  const CASES: Array<[RetrievalFilters, number[] | 'all']> = [
    [{}, 'all'],
    [{ regions: [] }, 'all'],
    [{ regions: ['astana'] }, [2]],
    [{ regions: ['shymkent', 'abai'] }, [1, 4]],
    [{ regions: ['atlantis'] }, []],
    [{ regions: ['atlantis', 'almaty'] }, [0, 2]],
    [{ dateFrom: '2025-04-01', dateTo: '2025-04-30' }, [0, 2]],
    [{ dateFrom: '2025-04-30' }, [2, 3]],
    [{ dateTo: '2025-04-01' }, [0, 4]],
    [{ regions: ['almaty'], dateFrom: '2025-04-02' }, [2]],
    [{ regions: ['shymkent'], dateTo: '2030-01-01' }, []],
  ];

  it('matches any of the regions and dates inclusively, never undated chunks under a date filter, before and after saving', async () => {
    const fresh = new ChunkStore();
    for (const [label, c] of FIXTURE) fresh.add(label, c);
    const loaded = await saved(FIXTURE);
    for (const store of [fresh, loaded]) {
      expect(CASES.map(([filters]) => matching(store, filters))).toEqual(CASES.map(([, expected]) => expected));
    }
  });

  it('follows removals, replacements and additions, in memory and once saved', async () => {
    const store = await saved(FIXTURE);
    store.remove(2);
    store.replace(1, { ...UNDATED, date: '2025-04-15', regions: ['astana'] });
    store.add(5, chunk('m5', 'a5', 'Шесть', { regions: ['shymkent'], date: '2025-04-10' }));
    store.add(6, chunk('m6', 'a6', 'Семь', { regions: ['astana'] }));
    store.remove(6);
    for (const view of [store, await (await store.save(dirs.second), ChunkStore.load(dirs.second))]) {
      expect(matching(view, { regions: ['astana'] })).toEqual([1]);
      expect(matching(view, { regions: ['shymkent'] })).toEqual([5]);
      expect(matching(view, { dateFrom: '2025-04-01', dateTo: '2025-04-30' })).toEqual([0, 1, 5]);
      expect(view.matcher({ regions: ['astana'] })!(6)).toBe(false);
    }
  });

  it('answers from the table alone: a damaged records file does not affect it', async () => {
    const store = await saved(FIXTURE);
    const records = path.join(dirs.first, CHUNK_RECORDS_FILE);
    await writeFile(records, Buffer.alloc((await readFile(records)).length, 0x20));
    expect(() => store.get(2)).toThrow('is damaged');
    expect(matching(store, { regions: ['almaty'], dateTo: '2025-04-15' })).toEqual([0]);
  });

  it('rejects a date filter that is not a calendar date and a chunk with an unknown region, naming the value', async () => {
    const store = await saved(FIXTURE);
    expect(() => store.matcher({ dateFrom: '2025-04' })).toThrow('chunks: date filter "2025-04" is not YYYY-MM-DD');
    expect(() => store.matcher({ dateTo: '2025-02-30' })).toThrow('chunks: date filter "2025-02-30" is not YYYY-MM-DD');
    expect(() => store.add(9, chunk('m9', 'a9', 'Х', { regions: ['atlantis'] }))).toThrow('chunks: chunk m9 names unknown region "atlantis"');
    expect(store.size).toBe(FIXTURE.length);
  });
});
