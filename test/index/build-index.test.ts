import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.js';
import type { Corpus } from '../../src/corpus/load-corpus.js';
import { buildIndex, type BuildOptions, type CorpusSources } from '../../src/index/build-index.js';
import type { Chunk } from '../../src/index/chunk.js';
import type { Embedder } from '../../src/index/embedder.js';
import { IndexError, loadIndex, type LoadedIndex } from '../../src/index/load-index.js';
import { analyze } from '../../src/text/analyzer.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Hashed bag of analyzed terms: similar wording → similar vectors. Counts what it is asked to embed. */
class FakeEmbedder implements Embedder {
  embedded: string[] = [];
  fittedOn = 0;

  constructor(
    readonly id = 'fake-bow',
    readonly dimension = 64,
    private callsLeft = Infinity,
  ) {}

  async embedQuery(text: string): Promise<Float32Array> {
    return this.vector(text);
  }

  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    if (this.callsLeft-- <= 0) throw new Error('fake embedder: out of memory');
    this.embedded.push(...texts);
    return texts.map((t) => this.vector(t));
  }

  fit(passages: string[]): void {
    this.fittedOn = passages.length;
  }

  exportState(): Uint8Array {
    return Uint8Array.of(this.fittedOn);
  }

  importState(state: Uint8Array): void {
    this.fittedOn = state[0]!;
  }

  private vector(text: string): Float32Array {
    const v = new Float32Array(this.dimension);
    v[0] = 0.01; // never the zero vector
    for (const term of analyze(text)) v[parseInt(sha(term).slice(0, 8), 16) % this.dimension]! += 1;
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  }
}

function article(file: string, title: string, paragraphs: string[]): Article {
  const text = paragraphs.join('\n\n');
  return { id: sha(text), title, date: '2025-04-01', url: null, source: 'test', language: 'ru', regions: [], text, file };
}

/** Stand-ins for loadCorpus and the chunker over an in-memory data "directory": one chunk per paragraph. */
function fakeSources(files: Map<string, Article[]>): CorpusSources {
  return {
    async loadCorpus(): Promise<Corpus> {
      const names = [...files.keys()].sort();
      return {
        articles: names.flatMap((n) => files.get(n)!),
        warnings: [],
        skipped: [],
        files: names.map((file) => {
          const json = JSON.stringify(files.get(file));
          return { file, hash: sha(json), articles: files.get(file)!.length, size: json.length, mtimeMs: 0 };
        }),
      };
    },
    chunkArticles(articles: Article[]): Chunk[] {
      return articles.flatMap((a) =>
        a.text.split('\n\n').map((text, ordinal) => ({
          id: sha(`${a.id}\n${text}`),
          articleId: a.id,
          ordinal,
          text,
          title: a.title,
          date: a.date,
          url: a.url,
          source: a.source,
          language: a.language,
          regions: a.regions,
          file: a.file,
        })),
      );
    },
  };
}

const SCHOOLS = ['В Алматы построят пять новых школ к сентябрю.', 'Школы рассчитаны на три тысячи учеников, изучающих математику.'];
const ROADS = ['Аким области пообещал отремонтировать дороги в районе.'];
const CLINIC = ['В Шымкенте открылась поликлиника на двести посещений.'];
const SUBSIDIES = ['Фермеры получили субсидии на посевную кампанию.'];
const HOSPITAL = ['В Таразе построили инфекционную больницу.', 'Больница примет первых пациентов в мае.'];

let root: string;
let indexDir: string;
let files: Map<string, Article[]>;
let logLines: Array<{ level: number; msg: string }>;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zhauap-build-'));
  indexDir = path.join(root, 'index');
  files = new Map([
    ['a.txt', [article('a.txt', 'Школы Алматы', SCHOOLS), article('a.txt', 'Дороги', ROADS)]],
    ['b.txt', [article('b.txt', 'Поликлиника', CLINIC), article('b.txt', 'Субсидии', SUBSIDIES)]],
  ]);
  logLines = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function options(embedder: Embedder, extra: Partial<BuildOptions> = {}): BuildOptions {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  return { dataDir: path.join(root, 'data'), indexDir, embedder, logger, sources: fakeSources(files), ...extra };
}

/** Chunk texts of the top vector and lexical hits. */
async function topHits(index: LoadedIndex, question: string, k = 1) {
  const vector = index.vectors.search(await index.embedder.embedQuery(question), k);
  const lexical = index.bm25.search(analyze(question), k);
  return {
    vector: vector.map((h) => index.chunks.get(h.label).text),
    lexical: lexical.map((h) => index.chunks.get(h.label).text),
  };
}

const generations = async () => (await readdir(indexDir)).filter((n) => n.startsWith('gen-'));
const current = async () => (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
const messages = () => logLines.map((l) => l.msg);

describe('buildIndex', () => {
  it('builds every chunk on the first run, finds them by meaning and by words, and persists them', async () => {
    const embedder = new FakeEmbedder();
    const result = await buildIndex(options(embedder));
    expect(result.mode).toBe('full');
    expect(result.counts).toEqual({ files: 2, articles: 4, chunks: 5, added: 5, removed: 0, reused: 0 });
    expect(embedder.fittedOn).toBe(5);
    expect(messages().filter((m) => m.startsWith('index: building: '))).toEqual([`index: building: no index in ${indexDir}`]);

    expect(await topHits(result.index, 'Где открылась поликлиника?')).toEqual({ vector: CLINIC, lexical: CLINIC });
    expect(await current()).toBe(path.basename(result.index.dir));

    const reader = new FakeEmbedder();
    const loaded = await loadIndex(indexDir, reader);
    expect(loaded.chunks.size).toBe(5);
    expect(reader.fittedOn).toBe(5);
    expect(await topHits(loaded, 'субсидии фермерам', 3)).toEqual(await topHits(result.index, 'субсидии фермерам', 3));
    expect(loaded.articles.map((a) => a.title).sort()).toEqual(['Дороги', 'Поликлиника', 'Субсидии', 'Школы Алматы']);
  });

  it('does nothing when the data has not changed', async () => {
    await buildIndex(options(new FakeEmbedder()));
    const before = await current();
    const embedder = new FakeEmbedder();
    const result = await buildIndex(options(embedder));
    expect(result.mode).toBe('unchanged');
    expect(result.counts).toMatchObject({ chunks: 5, added: 0, removed: 0, reused: 5 });
    expect(embedder.embedded).toEqual([]);
    expect(await current()).toBe(before);
  });

  it('embeds only the chunks of an added file, with the saved embedder state, and drops the old generation', async () => {
    await buildIndex(options(new FakeEmbedder()));
    files.set('c.txt', [article('c.txt', 'Больница', HOSPITAL)]);
    const embedder = new FakeEmbedder(); // a new process: state comes from the index, not from fit()
    const result = await buildIndex(options(embedder));
    expect(result.mode).toBe('incremental');
    expect(embedder.embedded).toEqual(HOSPITAL.map((p) => `Больница\n${p}`));
    expect(embedder.fittedOn).toBe(5);
    expect(result.counts).toEqual({ files: 3, articles: 5, chunks: 7, added: 2, removed: 0, reused: 5 });
    expect((await topHits(result.index, 'больница в Таразе')).vector).toEqual([HOSPITAL[0]]);
    expect(await generations()).toEqual([await current()]);
    expect((await loadIndex(indexDir, new FakeEmbedder())).chunks.size).toBe(7);
  });

  it('re-embeds only the edited article of a changed file and forgets its old text', async () => {
    await buildIndex(options(new FakeEmbedder()));
    const edited = [SCHOOLS[0]!, 'Школы рассчитаны на четыре тысячи учеников.'];
    files.set('a.txt', [article('a.txt', 'Школы Алматы', edited), article('a.txt', 'Дороги', ROADS)]);
    const embedder = new FakeEmbedder();
    const { counts, index } = await buildIndex(options(embedder));
    // The article id hashes its whole text, so both of its chunks are new; the roads article is reused.
    expect(embedder.embedded).toHaveLength(2);
    expect(counts).toMatchObject({ chunks: 5, added: 2, removed: 2, reused: 3 });
    expect(index.bm25.docFreq(analyze('математика')[0]!)).toBe(0);
    expect(index.bm25.search(analyze('математика'), 5)).toEqual([]);
    expect((await topHits(index, 'четыре тысячи учеников')).lexical).toEqual([edited[1]]);
  });

  it('removes a deleted file’s chunks from vectors, BM25 and the chunk store', async () => {
    const first = await buildIndex(options(new FakeEmbedder()));
    const clinicId = [...first.index.chunks.entries()].find(([, c]) => c.text === CLINIC[0])![1].id;
    files.delete('b.txt');
    const { counts, index } = await buildIndex(options(new FakeEmbedder()));
    expect(counts).toMatchObject({ files: 1, chunks: 3, added: 0, removed: 2, reused: 3 });
    for (const loaded of [index, await loadIndex(indexDir, new FakeEmbedder())]) {
      const hits = loaded.vectors.search(await loaded.embedder.embedQuery('поликлиника в Шымкенте'), 10);
      expect(hits).toHaveLength(3);
      expect(hits.map((h) => loaded.chunks.get(h.label).file)).not.toContain('b.txt');
      expect(loaded.bm25.search(analyze('поликлиника субсидии'), 10)).toEqual([]);
      expect(loaded.chunks.labelOf(clinicId)).toBeUndefined();
      expect(Object.keys(loaded.manifest.files)).toEqual(['a.txt']);
    }
  });

  it('keeps an article that moved to another file without embedding it again, under its new file', async () => {
    await buildIndex(options(new FakeEmbedder()));
    const roads = files.get('a.txt')![1]!;
    files.set('a.txt', [files.get('a.txt')![0]!]);
    files.set('b.txt', [...files.get('b.txt')!, { ...roads, file: 'b.txt' }]);
    const embedder = new FakeEmbedder();
    const { counts } = await buildIndex(options(embedder));
    expect(embedder.embedded).toEqual([]);
    expect(counts).toMatchObject({ chunks: 5, added: 0, removed: 0, reused: 5 });
    const loaded = await loadIndex(indexDir, new FakeEmbedder());
    expect(loaded.manifest.files['b.txt']!.chunks).toBe(3);
    const [hit] = loaded.vectors.search(await loaded.embedder.embedQuery(ROADS[0]!), 1);
    expect(loaded.chunks.get(hit!.label).file).toBe('b.txt');
  });

  it('reports a truncated chunk records file by name, then rebuilds it', async () => {
    const { index } = await buildIndex(options(new FakeEmbedder()));
    const records = path.join(index.dir, 'chunks.bin');
    const bytes = await readFile(records);
    await writeFile(records, bytes.subarray(0, bytes.length - 1));

    const reason = `cannot read ${records}: ${bytes.length - 1} bytes, manifest says ${bytes.length}`;
    await expect(loadIndex(indexDir, new FakeEmbedder())).rejects.toThrow(`index: ${reason} (rebuild with npm run ingest)`);
    logLines = [];
    expect((await buildIndex(options(new FakeEmbedder()))).mode).toBe('full');
    expect(messages().filter((m) => m.includes('rebuilding'))).toEqual([`index: rebuilding: ${reason}`]);
  });

  it('rebuilds from scratch, saying why in one log line, when the embedder changed', async () => {
    await buildIndex(options(new FakeEmbedder('fake-a:d64', 64)));
    logLines = [];
    const embedder = new FakeEmbedder('fake-b:d32', 32);
    const result = await buildIndex(options(embedder));
    expect(result.mode).toBe('full');
    expect(embedder.embedded).toHaveLength(5);
    expect(messages().filter((m) => m.includes('rebuilding'))).toEqual(['index: rebuilding: manifest embedder fake-a:d64 != fake-b:d32']);
    await expect(loadIndex(indexDir, new FakeEmbedder('fake-b:d32', 64))).rejects.toThrow(
      'index: manifest dimension 32 does not match embedder dimension 64 (rebuild with npm run ingest)',
    );
  });

  it('reports a damaged vectors file by name, then rebuilds it', async () => {
    const { index } = await buildIndex(options(new FakeEmbedder()));
    const vectorsFile = path.join(index.dir, 'vectors.hnsw');
    const bytes = await readFile(vectorsFile);
    bytes[bytes.length >> 1]! ^= 0xff;
    await writeFile(vectorsFile, bytes);

    const error = await loadIndex(indexDir, new FakeEmbedder()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexError);
    expect((error as IndexError).message).toBe(`index: cannot read ${vectorsFile}: checksum mismatch (rebuild with npm run ingest)`);

    logLines = [];
    const embedder = new FakeEmbedder();
    const rebuilt = await buildIndex(options(embedder));
    expect(rebuilt.mode).toBe('full');
    expect(embedder.embedded).toHaveLength(5);
    expect(messages().filter((m) => m.includes('rebuilding'))).toEqual([`index: rebuilding: cannot read ${vectorsFile}: checksum mismatch`]);
    expect((await topHits(await loadIndex(indexDir, new FakeEmbedder()), 'поликлиника')).vector).toEqual(CLINIC);
  });

  it('keeps the index of an exact-first embedder as int8 vectors without a graph (the manifest says so), updates and reloads it, and rebuilds a truncated one', async () => {
    const exactFirst = () => Object.assign(new FakeEmbedder(), { preferExact: true });
    const { index } = await buildIndex(options(exactFirst()));
    expect(index.manifest.vectorForm).toBe('flat');
    expect((await readdir(index.dir)).filter((name) => name.startsWith('vectors.'))).toEqual(['vectors.int8']);
    expect((await topHits(await loadIndex(indexDir, exactFirst()), 'поликлиника')).vector).toEqual(CLINIC);

    files.set('c.txt', [article('c.txt', 'Больница', HOSPITAL)]);
    const updated = await buildIndex(options(exactFirst()));
    expect(updated.mode).toBe('incremental');
    expect(updated.index.manifest.vectorForm).toBe('flat');
    expect((await topHits(await loadIndex(indexDir, exactFirst()), 'инфекционная больница')).vector).toEqual([HOSPITAL[0]]);

    const file = path.join(updated.index.dir, 'vectors.int8');
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 1));
    const reason = `cannot read ${file}: ${bytes.length - 1} bytes, manifest says ${bytes.length}`;
    await expect(loadIndex(indexDir, exactFirst())).rejects.toThrow(`index: ${reason} (rebuild with npm run ingest)`);
    logLines = [];
    const rebuilt = await buildIndex(options(exactFirst()));
    expect(rebuilt.mode).toBe('full');
    expect(messages().filter((m) => m.includes('rebuilding'))).toEqual([`index: rebuilding: ${reason}`]);
    expect((await topHits(await loadIndex(indexDir, exactFirst()), 'поликлиника')).vector).toEqual(CLINIC);
  });

  it('loads an index written before the flat form (a graph, no vector form in its manifest) as it is', async () => {
    const exactFirst = () => Object.assign(new FakeEmbedder(), { preferExact: true });
    const { index } = await buildIndex(options(exactFirst(), { hnsw: { exactUnfiltered: false } }));
    expect(index.manifest.vectorForm).toBe('graph');
    const manifestFile = path.join(index.dir, 'manifest.json');
    const { vectorForm: _form, ...old } = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
    await writeFile(manifestFile, JSON.stringify(old));
    const loaded = await loadIndex(indexDir, exactFirst());
    expect(loaded.manifest.vectorForm).toBeUndefined();
    expect((await topHits(loaded, 'поликлиника')).vector).toEqual(CLINIC);
    logLines = [];
    expect((await buildIndex(options(exactFirst()))).mode).toBe('unchanged');
  });

  it('explains a missing index and a CURRENT that points nowhere; a build starts afresh in both cases', async () => {
    await expect(loadIndex(indexDir, new FakeEmbedder())).rejects.toThrow(`index: no index in ${indexDir} (rebuild with npm run ingest)`);
    expect((await buildIndex(options(new FakeEmbedder()))).index.chunks.size).toBe(5);

    const ghost = 'gen-20200101T000000000Z-deadbeef';
    await writeFile(path.join(indexDir, 'CURRENT'), `${ghost}\n`);
    await expect(loadIndex(indexDir, new FakeEmbedder())).rejects.toThrow(
      `index: cannot read ${path.join(indexDir, ghost, 'manifest.json')}: no such file (rebuild with npm run ingest)`,
    );
    const reopened = (await buildIndex(options(new FakeEmbedder()))).index;
    expect(reopened.chunks.size).toBe(5);
    expect(await current()).toBe(path.basename(reopened.dir));
  });

  it('treats a CURRENT that is a folder like a corrupt one: one rebuild line, then a working index', async () => {
    await buildIndex(options(new FakeEmbedder()));
    const currentFile = path.join(indexDir, 'CURRENT');
    await rm(currentFile);
    await mkdir(path.join(currentFile, 'junk'), { recursive: true });
    await expect(loadIndex(indexDir, new FakeEmbedder())).rejects.toBeInstanceOf(IndexError);
    logLines = [];
    const rebuilt = await buildIndex(options(new FakeEmbedder()));
    expect(rebuilt.mode).toBe('full');
    expect(messages().filter((m) => m.includes('rebuilding'))).toHaveLength(1);
    expect(await current()).toBe(path.basename(rebuilt.index.dir));
    expect((await topHits(await loadIndex(indexDir, new FakeEmbedder()), 'поликлиника')).vector).toEqual(CLINIC);
  });

  it('rebuilds an index of an older format, saying so', async () => {
    const { index } = await buildIndex(options(new FakeEmbedder()));
    const manifestFile = path.join(index.dir, 'manifest.json');
    const old = JSON.parse(await readFile(manifestFile, 'utf8')) as { formatVersion: number; contents: Record<string, unknown> };
    await writeFile(manifestFile, JSON.stringify({ ...old, formatVersion: 3, contents: { 'bm25.bin': { bytes: 1, sha256: 'ff' } } }));
    logLines = [];
    expect((await buildIndex(options(new FakeEmbedder()))).mode).toBe('full');
    expect(messages().filter((m) => m.includes('rebuilding'))).toEqual([`index: rebuilding: manifest format 3 != ${old.formatVersion}`]);
  });

  it('leaves the index in use untouched, and a failed build leaves CURRENT as it was', async () => {
    await buildIndex(options(new FakeEmbedder()));
    const live = await loadIndex(indexDir, new FakeEmbedder());
    const liveHits = await topHits(live, 'школы и дороги', 5);
    const before = await current();

    files.set('c.txt', [article('c.txt', 'Больница', HOSPITAL)]);
    await expect(buildIndex(options(new FakeEmbedder('fake-bow', 64, 1), { batchSize: 1 }))).rejects.toThrow('out of memory');
    expect(await current()).toBe(before);
    expect(await generations()).toEqual([before]);

    const result = await buildIndex(options(new FakeEmbedder()));
    expect(result.counts.chunks).toBe(7);
    expect(await current()).not.toBe(before);
    expect(live.chunks.size).toBe(5);
    expect(live.vectors.size).toBe(5);
    expect(live.bm25.size).toBe(5);
    expect(await topHits(live, 'школы и дороги', 5)).toEqual(liveHits);
  });

  it('builds an empty but loadable index from a data directory without articles', async () => {
    files.clear();
    const { counts } = await buildIndex(options(new FakeEmbedder()));
    expect(counts).toMatchObject({ files: 0, articles: 0, chunks: 0 });
    const loaded = await loadIndex(indexDir, new FakeEmbedder());
    expect(loaded.vectors.search(await loaded.embedder.embedQuery('школы'), 5)).toEqual([]);
    expect(loaded.bm25.search(['школ'], 5)).toEqual([]);
  });

  it('a full build with worker threads grows the graph as two shards that serve and reload like one graph', async () => {
    // Enough chunks for the worker path (2,000): one article per district and topic, each its own words.
    const topics = ['школа', 'дорога', 'больница', 'парк', 'мост', 'рынок', 'стадион', 'театр', 'завод', 'вокзал'];
    files = new Map([
      [
        'many.txt',
        Array.from({ length: 2_100 }, (_, i) =>
          article('many.txt', `Новость ${i}`, [`В районе номер ${i} открыли ${topics[i % 10]} ${i % 7 === 0 ? 'зимой' : 'летом'} код${i}.`]),
        ),
      ],
    ]);
    const { index } = await buildIndex(options(new FakeEmbedder('fake-bow', 512), { workers: 1, graphShards: 2 }));
    const gen = path.join(indexDir, await current());
    expect((await readdir(gen)).filter((n) => n.endsWith('.hnsw')).sort()).toEqual(['vectors.1.hnsw', 'vectors.hnsw']);
    expect(index.vectors.size).toBe(2_100);
    const loaded = await loadIndex(indexDir, new FakeEmbedder('fake-bow', 512));
    // A chunk's own words find it first, whichever shard holds it, in the built and in the reloaded index.
    for (const i of [0, 1, 777, 2_099]) {
      const text = files.get('many.txt')![i]!.text;
      expect((await topHits(index, text)).vector).toEqual([text]);
      expect((await topHits(loaded, text)).vector).toEqual([text]);
    }
  });

  it('embeds in batches and reports progress', async () => {
    const progress: Array<[number, number]> = [];
    await buildIndex(options(new FakeEmbedder(), { batchSize: 2, onProgress: (done, total) => progress.push([done, total]) }));
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });
});
