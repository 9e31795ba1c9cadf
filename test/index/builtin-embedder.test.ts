import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder, evenSample } from '../../src/index/builtin-embedder.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

const CITY_CORPUS = [
  'В Алматы прошёл городской субботник',
  'Аким Алматы провёл приём граждан',
  'В Алматы открыли новый парк',
  'Алматы принимает международный форум',
  'Нехватка врачей в Шымкенте: больницы ищут специалистов',
  'В Алматы ремонтируют дороги',
];

/** Deterministic pseudo-Russian text with a large vocabulary, so stem memoization does not flatter the timing. */
function syntheticPassages(count: number, words: number): string[] {
  const syllables = ['ка', 'ми', 'ро', 'ст', 'ан', 'ов', 'ле', 'ну', 'при', 'про', 'за', 'тел', 'ность', 'ского', 'ами'];
  let seed = 42;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const word = () => Array.from({ length: 2 + next(3) }, () => syllables[next(syllables.length)]).join('');
  return Array.from({ length: count }, () => Array.from({ length: words }, word).join(' '));
}

describe('BuiltinEmbedder', () => {
  it('has the configured dimension, and an id that names scheme and dimension', async () => {
    const standard = new BuiltinEmbedder();
    const small = new BuiltinEmbedder({ dimension: 256 });
    expect(standard.dimension).toBe(384);
    expect(standard.id).toBe('builtin-hash-v1:d384');
    expect(small.id).not.toBe(standard.id);
    expect((await small.embedQuery('бюджет Астаны')).length).toBe(256);
    expect(() => new BuiltinEmbedder({ dimension: 0 })).toThrow(/dimension must be an integer >= 2, got 0/);
  });

  it('returns unit vectors, the same for query and passage, and the same across instances', async () => {
    const text = 'Депутаты Мажилиса одобрили поправки в Налоговый кодекс';
    const a = new BuiltinEmbedder();
    const b = new BuiltinEmbedder();
    const [passage] = await a.embedPassages([text]);
    const query = await b.embedQuery(text);
    expect(norm(query)).toBeCloseTo(1, 5);
    expect(Array.from(passage!)).toEqual(Array.from(query));
  });

  it('scores a paraphrase above unrelated news', async () => {
    const e = new BuiltinEmbedder();
    const query = await e.embedQuery('нехватка медиков в Алматы');
    const [paraphrase, school, fuel] = await e.embedPassages([
      'в Алматы не хватает медицинских специалистов',
      'В Астане открыли новую школу на 1200 мест',
      'Цены на бензин выросли в Шымкенте',
    ]);
    expect(dot(query, paraphrase!)).toBeGreaterThan(dot(query, school!) + 0.2);
    expect(dot(query, paraphrase!)).toBeGreaterThan(dot(query, fuel!) + 0.2);
  });

  it('joins word forms the stemmer keeps apart through shared character grams', async () => {
    const e = new BuiltinEmbedder();
    // Different Snowball stems, same root.
    const pairs = [
      ['медиков', 'медицинских'],
      ['учителей', 'учительский'],
      ['школьников', 'школы'],
      ['врачебный', 'врачей'],
      ['строительство', 'строители'],
    ];
    const vectors = await Promise.all(pairs.map((pair) => e.embedPassages(pair)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const related = mean(vectors.map(([a, b]) => dot(a!, b!)));
    const unrelated = mean(
      vectors.flatMap(([a], i) => vectors.filter((_, j) => j !== i).map(([, b]) => dot(a!, b!))),
    );
    expect(related).toBeGreaterThan(unrelated + 0.15);
  });

  it('after fit, a word common to the corpus weighs less than a rare one', async () => {
    const e = new BuiltinEmbedder();
    const best = async () => {
      const query = await e.embedQuery('врачи в Алматы');
      const scores = (await e.embedPassages(CITY_CORPUS)).map((p) => dot(query, p));
      return CITY_CORPUS[scores.indexOf(Math.max(...scores))];
    };
    expect(await best()).not.toContain('врачей');
    e.fit(CITY_CORPUS);
    expect(await best()).toContain('врачей');
    expect(norm(await e.embedQuery('врачи в Алматы'))).toBeCloseTo(1, 5);
  });

  it('exports and imports its IDF state, reproducing the fitted vectors', async () => {
    const fitted = new BuiltinEmbedder();
    fitted.fit(CITY_CORPUS);
    const restored = new BuiltinEmbedder();
    restored.importState(fitted.exportState());
    const text = 'врачи в Алматы';
    expect(Array.from(await restored.embedQuery(text))).toEqual(Array.from(await fitted.embedQuery(text)));
    expect(Array.from(await restored.embedQuery(text))).not.toEqual(Array.from(await new BuiltinEmbedder().embedQuery(text)));

    // A state read from disk may sit at an unaligned offset inside a larger buffer.
    const state = fitted.exportState();
    const unaligned = new Uint8Array(state.byteLength + 3);
    unaligned.set(state, 3);
    const fromDisk = new BuiltinEmbedder();
    fromDisk.importState(unaligned.subarray(3));
    expect(Array.from(await fromDisk.embedQuery(text))).toEqual(Array.from(await fitted.embedQuery(text)));
  });

  it('rejects a state that is truncated, foreign or made for another dimension', () => {
    const e = new BuiltinEmbedder();
    const state = (() => {
      const fitted = new BuiltinEmbedder();
      fitted.fit(CITY_CORPUS);
      return fitted.exportState();
    })();
    expect(() => e.importState(state.subarray(0, 10))).toThrow(/builtin embedder: invalid state .*shorter than the header/);
    expect(() => e.importState(state.subarray(0, state.byteLength - 4))).toThrow(/bytes, expected/);
    expect(() => e.importState(new TextEncoder().encode('not an idf table at all'))).toThrow(/bad magic/);
    const other = new BuiltinEmbedder({ dimension: 256 });
    expect(() => e.importState(other.exportState())).toThrow(/dimension 256 does not match 384/);
    const corrupt = state.slice();
    new DataView(corrupt.buffer).setFloat32(20, Number.NaN, true);
    expect(() => e.importState(corrupt)).toThrow(/IDF value NaN at bucket 0/);
  });

  it('embeds 2,000 passages of 150 words quickly', async () => {
    const passages = syntheticPassages(2000, 150);
    const e = new BuiltinEmbedder();
    // CPU time of this process, not wall time: the suite runs files in parallel on two cores, so the wall
    // clock also counts the other workers. About 0.5 s of CPU on the dev machine; the bound leaves room.
    const started = process.cpuUsage();
    const vectors = await e.embedPassages(passages);
    const used = process.cpuUsage(started);
    expect(vectors).toHaveLength(2000);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });
});

describe('evenSample (fit on large corpora)', () => {
  it('keeps short lists whole and spreads a sample over long ones', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect(evenSample(items, 200)).toBe(items);
    const sample = evenSample(items, 10);
    expect(sample).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
});
