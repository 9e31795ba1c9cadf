import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { chunkArticles } from '../src/index/chunker.js';
import { indexedText } from '../src/index/chunk.js';
import { isStopword, tokenize } from '../src/text/analyzer.js';
import { charChunks } from './baselines/minisearch.js';
import { devsetTargets, type DevTarget } from './dev-targets.js';
import { quantile } from './metrics.js';

/**
 * What an engineer would pick instead of writing an index, on the scale benchmark's corpus, in its
 * own process per phase (so each RSS high-water mark is that phase's):
 *   minisearch: the "quick RAG" of the quality bench: 1000/200-character windows, MiniSearch defaults,
 *     persisted as MiniSearch's JSON (toJSON / loadJSON);
 *   sqlite: SQLite FTS5 (better-sqlite3) over the engine's own chunks, unicode61 tokenizer (no Russian
 *     stemmer exists for it), one file on disk, queries ranked by FTS5's bm25.
 * Both get the question's words without stop words, any of them matching (OR).
 *   build: read the corpus, index it, write it to --dir;
 *   serve: open what build wrote, the 200 latency queries (after 10 warm-up), and hit@5 on the dev set.
 */

export type PeerName = 'minisearch' | 'sqlite';
export const PEERS: readonly PeerName[] = ['minisearch', 'sqlite'];

export interface PeerBuildReport {
  peer: PeerName;
  passages: number;
  seconds: number;
  diskBytes: number;
  peakRssBytes: number;
}

export interface PeerServeReport {
  peer: PeerName;
  loadSeconds: number;
  queryMs: { p50: number; p95: number; p99: number };
  peakRssBytes: number;
  /** Share of answerable dev questions whose article is among the first five hits. */
  hit5: number;
  devQuestions: number;
}

const WARMUP = 10;
const K = 10;
const MINISEARCH_FILE = 'minisearch.json';
const SQLITE_FILE = 'fts5.sqlite';

const words = (question: string) => tokenize(question).filter((t) => !isStopword(t));

/** FTS5 query: every word quoted (no operator injection), any of them. */
const ftsQuery = (question: string) => words(question).map((w) => `"${w.replaceAll('"', '""')}"`).join(' OR ');

interface Peer {
  build(dataDir: string, dir: string): Promise<number>;
  open(dir: string): Promise<(question: string) => string[]>;
}

const peers: Record<PeerName, Peer> = {
  minisearch: {
    async build(dataDir, dir) {
      const { articles } = await loadCorpus(dataDir);
      const search = new MiniSearch<{ id: number; text: string; article: string }>({ fields: ['text'], storeFields: ['article'] });
      let id = 0;
      for (const article of articles) {
        for (const text of charChunks(`${article.title}\n\n${article.text}`)) search.add({ id: id++, text, article: article.id });
      }
      await writeFile(path.join(dir, MINISEARCH_FILE), JSON.stringify(search));
      return id;
    },
    async open(dir) {
      const search = MiniSearch.loadJSON<{ id: number; text: string; article: string }>(await readFile(path.join(dir, MINISEARCH_FILE), 'utf8'), {
        fields: ['text'],
        storeFields: ['article'],
      });
      return (question) => search.search(words(question).join(' ')).slice(0, K).map((h) => h['article'] as string);
    },
  },
  sqlite: {
    async build(dataDir, dir) {
      const { articles } = await loadCorpus(dataDir);
      const db = new Database(path.join(dir, SQLITE_FILE));
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec("CREATE VIRTUAL TABLE chunks USING fts5(body, article UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')");
      const insert = db.prepare('INSERT INTO chunks (body, article) VALUES (?, ?)');
      let rows = 0;
      const insertAll = db.transaction((batch: ReturnType<typeof chunkArticles>) => {
        for (const chunk of batch) insert.run(indexedText(chunk), chunk.articleId);
      });
      // Chunked per few thousand articles: the engine's chunker over the whole corpus would hold it twice.
      for (let i = 0; i < articles.length; i += 5_000) {
        const chunks = chunkArticles(articles.slice(i, i + 5_000));
        insertAll(chunks);
        rows += chunks.length;
      }
      db.exec("INSERT INTO chunks (chunks) VALUES ('optimize')");
      db.close();
      return rows;
    },
    async open(dir) {
      const db = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
      const query = db.prepare('SELECT article FROM chunks WHERE chunks MATCH ? ORDER BY rank LIMIT ?');
      return (question) => {
        const match = ftsQuery(question);
        return match ? (query.all(match, K) as Array<{ article: string }>).map((r) => r.article) : [];
      };
    },
  },
};

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
  return total;
}

export function hitAt5(search: (q: string) => string[], targets: readonly DevTarget[]): number {
  if (targets.length === 0) return 0;
  return targets.filter((t) => search(t.question).slice(0, 5).includes(t.articleId)).length / targets.length;
}

async function main() {
  const { values } = parseArgs({
    options: {
      peer: { type: 'string' },
      phase: { type: 'string' },
      data: { type: 'string' },
      dir: { type: 'string' },
      queries: { type: 'string' },
      devset: { type: 'string' },
      seed: { type: 'string', default: 'data' },
      out: { type: 'string' },
    },
  });
  const peerName = values.peer as PeerName;
  const peer = peers[peerName];
  if (!peer) throw new Error(`peer-worker: --peer must be one of ${PEERS.join(', ')}, got ${JSON.stringify(values.peer)}`);
  if (!values.dir || !values.out) throw new Error('peer-worker: --dir and --out are required');
  let report: PeerBuildReport | PeerServeReport;
  if (values.phase === 'build') {
    if (!values.data) throw new Error('peer-worker: --data is required for build');
    const t0 = performance.now();
    const passages = await peer.build(values.data, values.dir);
    const seconds = (performance.now() - t0) / 1000;
    report = { peer: peerName, passages, seconds, diskBytes: await directoryBytes(values.dir), peakRssBytes: process.resourceUsage().maxRSS * 1024 };
  } else if (values.phase === 'serve') {
    if (!values.queries || !values.devset) throw new Error('peer-worker: --queries and --devset are required for serve');
    const queries = JSON.parse(await readFile(values.queries, 'utf8')) as string[];
    const targets = await devsetTargets(values.devset, values.seed!);
    const t0 = performance.now();
    const search = await peer.open(values.dir);
    const loadSeconds = (performance.now() - t0) / 1000;
    for (const q of queries.slice(0, WARMUP)) search(q);
    const times = queries.map((q) => {
      const t = performance.now();
      search(q);
      return performance.now() - t;
    });
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    report = {
      peer: peerName,
      loadSeconds,
      queryMs: { p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99) },
      peakRssBytes,
      hit5: hitAt5(search, targets),
      devQuestions: targets.length,
    };
  } else {
    throw new Error(`peer-worker: --phase must be build or serve, got ${JSON.stringify(values.phase)}`);
  }
  await writeFile(values.out, JSON.stringify(report, null, 2) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    process.stderr.write(`peer-worker: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
