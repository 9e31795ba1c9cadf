import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { buildIndex } from '../../src/index/build-index.js';
import { BuiltinEmbedder } from '../../src/index/builtin-embedder.js';
import { chunkArticles } from '../../src/index/chunker.js';
import { analyze } from '../../src/text/analyzer.js';

// A full build streams the corpus file by file through a scratch chunk store (build-spool.ts): what it
// serves must be what the whole corpus chunked at once gives, and the scratch store must not stay behind.

const SEED = path.resolve('data');
let root: string;
let dataDir: string;
let indexDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'zhauap-spool-'));
  dataDir = path.join(root, 'data');
  indexDir = path.join(root, 'index');
  await mkdir(dataDir);
  const seeds = (await readdir(SEED)).filter((n) => n.endsWith('.txt')).sort().slice(0, 3);
  for (const name of seeds) await copyFile(path.join(SEED, name), path.join(dataDir, name));
  // The same articles again under a later name: dropped as duplicates, across files.
  await copyFile(path.join(SEED, seeds[0]!), path.join(dataDir, `z-${seeds[0]}`));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const build = () => buildIndex({ dataDir, indexDir, embedder: new BuiltinEmbedder(), logger: pino({ level: 'silent' }), force: true });

it('serves every chunk of the corpus in corpus order, the duplicates once, and leaves no scratch store', async () => {
  const corpus = await loadCorpus(dataDir);
  const expected = [...new Map(chunkArticles(corpus.articles).map((c) => [c.id, c])).values()];
  const { index, counts } = await build();
  expect(counts).toMatchObject({ articles: corpus.articles.length, chunks: expected.length, added: expected.length });
  expect([...index.chunks.entries()].map(([label, c]) => [label, c.id, c.text])).toEqual(expected.map((c, label) => [label, c.id, c.text]));
  expect(index.bm25.size).toBe(expected.length);
  // The answer to a seed question is found by its words.
  const first = expected[0]!;
  const hits = index.bm25.search(analyze(first.title), 3);
  expect(hits.map((h) => index.chunks.get(h.label).articleId)).toContain(first.articleId);
  expect((await readdir(indexDir)).filter((n) => n.startsWith('spool-'))).toEqual([]);
});

it('removes the scratch store a killed build left, not one of a running build', async () => {
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  await mkdir(path.join(indexDir, `spool-${dead}-0badf00d`), { recursive: true });
  await mkdir(path.join(indexDir, `spool-${process.pid}-feedf00d`), { recursive: true });
  await build();
  expect((await readdir(indexDir)).filter((n) => n.startsWith('spool-'))).toEqual([`spool-${process.pid}-feedf00d`]);
});
