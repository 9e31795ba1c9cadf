import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { toArticle } from '../../src/corpus/parse-text.js';
import { buildIndex } from '../../src/index/build-index.js';
import { BuiltinEmbedder } from '../../src/index/builtin-embedder.js';
import { readCurrent } from '../../src/index/generations.js';
import { applyToIndex, persistLiveIndex } from '../../src/index/live-index.js';
import { loadIndex } from '../../src/index/load-index.js';
import { entryPoint } from '../helpers/entry-points.js';
import { analyze } from '../../src/text/analyzer.js';
import { tempDir } from '../bot/harness.js';

/** Live additions written into the index files: a restart must not embed them again, and a crash mid-write must not break the index. */

const root = path.resolve(import.meta.dirname, '../..');
const logger = pino({ level: 'silent' });
const SEED = [
  { title: 'Форум молодёжи', url: 'https://example.kz/forum', date: '2025-04-01', text: 'В Астане прошёл форум молодёжи, в нём участвовали 500 человек из всех регионов.' },
  { title: 'Новая больница', url: 'https://example.kz/hospital', date: '2025-04-02', text: 'В Шымкенте построили больницу на 300 коек, её откроют в мае.' },
  { title: 'Паводки', url: 'https://example.kz/flood', date: '2025-04-03', text: 'В Акмолинской области к паводкам готовят 120 единиц техники и 800 спасателей.' },
];

async function seededIndex() {
  const dataDir = tempDir('zhauap-live-');
  await writeFile(path.join(dataDir, 'seed.jsonl'), SEED.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const indexDir = path.join(dataDir, 'index');
  await buildIndex({ dataDir, indexDir, embedder: new BuiltinEmbedder(), logger });
  return { dataDir, indexDir };
}

const start = (dataDir: string) => buildIndex({ dataDir, indexDir: path.join(dataDir, 'index'), embedder: new BuiltinEmbedder(), logger });
const bm25Finds = (index: Awaited<ReturnType<typeof start>>['index'], question: string, url: string) =>
  index.bm25.search(analyze(question).map((term) => ({ term, weight: 1 })), 5).some((hit) => index.chunks.get(hit.label).url === url);

describe('live index on disk', () => {
  it('live additions past the exact limit grow the graph from the int8 vectors: the new chunk is found at once, and the index on disk becomes a graph', async () => {
    const { dataDir, indexDir } = await seededIndex();
    const options = { hnsw: { exactSearchLimit: 3 } };
    const index = await loadIndex(indexDir, new BuiltinEmbedder(), options);
    expect(index.manifest.vectorForm).toBe('flat');
    expect((await readdir(index.dir)).filter((name) => name.startsWith('vectors.'))).toEqual(['vectors.int8']);
    const record = { title: 'Школа в Таразе', url: 'https://example.kz/school', date: '2025-04-05', text: 'В Таразе открыли школу на 1200 мест, в ней будут работать 96 учителей.' };
    await appendFile(path.join(dataDir, 'live-feed.jsonl'), JSON.stringify(record) + '\n');
    await applyToIndex(index, { added: [toArticle('live-feed.jsonl', record)!], removed: [] });
    const vectorFinds = async (loaded: typeof index) => {
      const [hit] = loaded.vectors.search(await loaded.embedder.embedQuery(record.text), 1);
      return hit !== undefined && loaded.chunks.get(hit.label).url === record.url;
    };
    expect(await vectorFinds(index)).toBe(true);
    expect(await persistLiveIndex(index)).toBe(true);
    expect(index.manifest.vectorForm).toBe('graph');
    expect(await vectorFinds(index)).toBe(true);

    const onDisk = await loadIndex(indexDir, new BuiltinEmbedder(), options);
    expect(onDisk.manifest.vectorForm).toBe('graph');
    expect((await readdir(onDisk.dir)).filter((name) => name.startsWith('vectors.')).sort()).toEqual(['vectors.hnsw', 'vectors.labels']);
    expect(onDisk.vectors.size).toBe(4);
    expect(await vectorFinds(onDisk)).toBe(true);
  });

  it('after a restart the live additions and removals are there, and nothing is embedded again', async () => {
    const { dataDir, indexDir } = await seededIndex();
    const record = { title: 'Школа в Таразе', url: 'https://example.kz/school', date: '2025-04-05', text: 'В Таразе открыли школу на 1200 мест, в ней будут работать 96 учителей.' };
    await appendFile(path.join(dataDir, 'live-feed.jsonl'), JSON.stringify(record) + '\n');
    const added = toArticle('live-feed.jsonl', record);
    const removed = toArticle('seed.jsonl', SEED[1]!);
    const index = await loadIndex(indexDir, new BuiltinEmbedder());
    await applyToIndex(index, { added: [added!], removed: [removed!] });
    // The removed article leaves the data dir too, as a replaced article does.
    await writeFile(path.join(dataDir, 'seed.jsonl'), [SEED[0], SEED[2]].map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect(await persistLiveIndex(index)).toBe(true);
    expect(await persistLiveIndex(index)).toBe(false);

    const onDisk = await loadIndex(indexDir, new BuiltinEmbedder());
    expect(bm25Finds(onDisk, 'Сколько учителей в школе в Таразе?', record.url)).toBe(true);
    expect(bm25Finds(onDisk, 'больница в Шымкенте', 'https://example.kz/hospital')).toBe(false);

    const restart = await start(dataDir);
    expect(restart.counts.added).toBe(0);
    expect(restart.counts.chunks).toBe(3);
    expect(bm25Finds(restart.index, 'Сколько учителей в школе в Таразе?', record.url)).toBe(true);
  });

  it('SIGKILL while the live index is being written leaves a valid index; the next start embeds at most the article in flight', async () => {
    const { dataDir, indexDir } = await seededIndex();
    const child = spawn(process.execPath, [entryPoint('live-writer'), dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let armed = false;
    // The kill comes as the writer creates the next generation directory: in the middle of its files and fsyncs.
    const watcher = watch(indexDir);
    await new Promise<void>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`live-writer exited with ${code}: ${output}`)));
      child.stdout.on('data', (data: Buffer) => {
        output += data.toString();
        armed ||= output.includes('persisted 3');
      });
      watcher.on('change', (event, name) => {
        if (armed && event === 'rename' && String(name).startsWith('gen-')) resolve();
      });
    });
    watcher.close();
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const persisted = Number(output.trim().split('\n').at(-1)?.split(' ')[1]);

    // The generation CURRENT names loads and passes its checksums; the half-written one lies beside it (5 of 5 runs
    // while writing this test; not asserted, a slow parent could kill after the write).
    const current = await readCurrent(indexDir);
    const survivor = await loadIndex(indexDir, new BuiltinEmbedder());
    expect(survivor.chunks.size).toBeGreaterThanOrEqual(SEED.length + persisted + 1);
    const generations = (await readdir(indexDir)).filter((n) => n.startsWith('gen-'));
    expect(generations).toContain(current);

    const stored = (await readFile(path.join(dataDir, 'live-kill.jsonl'), 'utf8')).trim().split('\n').length;
    const restart = await start(dataDir);
    expect(restart.counts.chunks).toBe(SEED.length + stored);
    // Only the article appended and not yet written with the index (at most one round) is embedded.
    expect(restart.counts.added).toBeLessThanOrEqual(1);
    expect(restart.counts.added).toBe(stored - (survivor.chunks.size - SEED.length));
    // The next build cleans the half-written generation away.
    expect((await readdir(indexDir)).filter((n) => n.startsWith('gen-'))).toHaveLength(1);
  }, 30_000);
});
