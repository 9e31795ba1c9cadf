import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import pg from 'pg';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { chunkArticles } from '../src/index/chunker.js';
import { indexedText } from '../src/index/chunk.js';
import { isStopword, tokenize } from '../src/text/analyzer.js';
import { charChunks } from './baselines/minisearch.js';
import { devsetTargets, type DevTarget } from './dev-targets.js';
import { quantile } from './metrics.js';
import { clusterPss, findPostgresBin, initCluster, peakRssOf, startCluster, type Cluster } from './postgres.js';

/**
 * What an engineer would pick instead of writing an index, on the scale benchmark's corpus, in its
 * own process per phase (so each RSS high-water mark is that phase's):
 *   minisearch: the "quick RAG" of the quality bench: 1000/200-character windows, MiniSearch defaults,
 *     persisted as MiniSearch's JSON (toJSON / loadJSON);
 *   sqlite: SQLite FTS5 (better-sqlite3) over the engine's own chunks, unicode61 tokenizer (no Russian
 *     stemmer exists for it), one file on disk, queries ranked by FTS5's bm25;
 *   postgres: PostgreSQL's `russian` text search (Snowball stemmer, stop words) over the engine's own
 *     chunks, a stored tsvector column with a GIN index, in a throwaway cluster (bench/postgres.ts) that
 *     each phase starts and stops; queries ranked by ts_rank.
 * All get the question's words without stop words, any of them matching (OR).
 *   build: read the corpus, index it, write it to --dir;
 *   serve: open what build wrote, the 200 latency queries (after 10 warm-up), and hit@5 on the dev set.
 */

export type PeerName = 'minisearch' | 'sqlite' | 'postgres';
export const PEERS: readonly PeerName[] = ['minisearch', 'sqlite', 'postgres'];

export interface PeerBuildReport {
  peer: PeerName;
  passages: number;
  seconds: number;
  diskBytes: number;
  peakRssBytes: number;
  /** A server peer's own figures (sizes, the client's RSS, settings): see the peer. */
  details?: Record<string, number | string>;
}

export interface PeerServeReport {
  peer: PeerName;
  loadSeconds: number;
  queryMs: { p50: number; p95: number; p99: number };
  peakRssBytes: number;
  /** Share of answerable dev questions whose article is among the first five hits. */
  hit5: number;
  devQuestions: number;
  details?: Record<string, number | string>;
}

const WARMUP = 10;
const K = 10;
const MINISEARCH_FILE = 'minisearch.json';
const SQLITE_FILE = 'fts5.sqlite';

const words = (question: string) => tokenize(question).filter((t) => !isStopword(t));

/** FTS5 query: every word quoted (no operator injection), any of them. */
const ftsQuery = (question: string) => words(question).map((w) => `"${w.replaceAll('"', '""')}"`).join(' OR ');

type Search = (question: string) => string[] | Promise<string[]>;

interface BuildResult {
  passages: number;
  /** Timed by the peer itself when its set-up (e.g. starting a server) is not part of building. */
  seconds?: number;
  diskBytes?: number;
  peakRssBytes?: number;
  details?: Record<string, number | string>;
}

interface Opened {
  search: Search;
  /** Figures taken after the queries (a server's memory), then resources released. */
  close?(): Promise<{ peakRssBytes?: number; details?: Record<string, number | string> }>;
}

interface Peer {
  build(dataDir: string, dir: string): Promise<BuildResult>;
  open(dir: string): Promise<Opened>;
}

/** Chunks of the corpus, a few thousand articles at a time (the chunker over the whole corpus would hold it twice). */
async function* chunkBatches(dataDir: string) {
  const { articles } = await loadCorpus(dataDir);
  for (let i = 0; i < articles.length; i += 5_000) yield chunkArticles(articles.slice(i, i + 5_000));
}

// --- PostgreSQL -------------------------------------------------------------------------------------------

const PG_DATA = 'pgdata';
const PG_USER = 'bench';
/**
 * Durability off, as SQLite runs with synchronous/journal OFF here (a benchmark cluster thrown away after);
 * a larger maintenance_work_mem for the GIN build (64 MB default); JIT off, as commonly advised for short
 * queries (it costs tens of ms per query when the planner's cost estimate crosses its threshold).
 * shared_buffers stays at its 128 MB default.
 */
const PG_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', maintenance_work_mem: '256MB', jit: 'off' };
/** OR over the words: websearch_to_tsquery's `or`, with the russian configuration's stemming and stop words. */
const PG_SEARCH =
  "SELECT article FROM chunks, websearch_to_tsquery('russian', $1) AS q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT $2";
const pgQuery = (question: string) => words(question).join(' or ');

let activeCluster: Cluster | undefined;

/** The server must stop whatever happens to this process: error, SIGINT or SIGTERM. */
function stopClusterOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void (activeCluster?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
}

async function withCluster<T>(dir: string, fresh: boolean, body: (cluster: Cluster, client: pg.Client) => Promise<T>): Promise<T> {
  const found = await findPostgresBin();
  if ('missing' in found) throw new Error(`postgres: ${found.missing}`);
  const dataDir = path.join(dir, PG_DATA);
  if (fresh) await initCluster(found.bin, dataDir, PG_USER);
  const cluster = await startCluster(found.bin, dataDir, PG_SETTINGS);
  activeCluster = cluster;
  let client: pg.Client | undefined;
  try {
    client = await connectWhenReady(cluster.port);
    return await body(cluster, client);
  } finally {
    await client?.end().catch(() => undefined);
    await cluster.stop();
    activeCluster = undefined;
  }
}

/**
 * The server listens before it accepts sessions: until its start-up (recovery included) is over it answers
 * "the database system is starting up" (SQLSTATE 57P03). A new client per try (a pg.Client connects once).
 */
async function connectWhenReady(port: number): Promise<pg.Client> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: PG_USER, database: 'postgres' });
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      if ((err as { code?: string }).code !== '57P03' || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function backendPeakRss(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return peakRssOf(rows[0]!.pid);
}

const postgresPeer: Peer = {
  async build(dataDir, dir) {
    return withCluster(dir, true, async (cluster, client) => {
      const t0 = performance.now();
      await client.query(
        "CREATE TABLE chunks (article text NOT NULL, body text NOT NULL, tsv tsvector GENERATED ALWAYS AS (to_tsvector('russian', body)) STORED)",
      );
      let passages = 0;
      for await (const chunks of chunkBatches(dataDir)) {
        await client.query('INSERT INTO chunks (article, body) SELECT * FROM unnest($1::text[], $2::text[])', [
          chunks.map((c) => c.articleId),
          chunks.map(indexedText),
        ]);
        passages += chunks.length;
      }
      const loaded = performance.now();
      await client.query('CREATE INDEX chunks_tsv ON chunks USING gin (tsv)');
      const indexed = performance.now();
      await client.query('VACUUM ANALYZE chunks');
      const seconds = (performance.now() - t0) / 1000;
      const { rows } = await client.query<{ total: string; gin: string; db: string }>(
        "SELECT pg_total_relation_size('chunks') AS total, pg_relation_size('chunks_tsv') AS gin, pg_database_size(current_database()) AS db",
      );
      const sizes = rows[0]!;
      return {
        passages,
        seconds,
        diskBytes: Number(sizes.total),
        peakRssBytes: await backendPeakRss(client),
        details: {
          loadSeconds: (loaded - t0) / 1000,
          ginBuildSeconds: (indexed - loaded) / 1000,
          ginIndexBytes: Number(sizes.gin),
          databaseBytes: Number(sizes.db),
          clusterPssBytes: await clusterPss(cluster.pid),
          clientPeakRssBytes: process.resourceUsage().maxRSS * 1024,
          settings: JSON.stringify(PG_SETTINGS),
        },
      };
    });
  },
  async open(dir) {
    // The serve phase keeps the server up across the queries; close() takes the figures and stops it.
    const found = await findPostgresBin();
    if ('missing' in found) throw new Error(`postgres: ${found.missing}`);
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    let ready!: (v: { cluster: Cluster; client: pg.Client }) => void;
    const started = new Promise<{ cluster: Cluster; client: pg.Client }>((r) => (ready = r));
    const running = withCluster(dir, false, async (cluster, client) => {
      ready({ cluster, client });
      await done;
    });
    const { cluster, client } = await Promise.race([started, running.then(() => Promise.reject(new Error('postgres: server stopped')))]);
    return {
      search: async (question) => {
        const text = pgQuery(question);
        if (!text) return [];
        const { rows } = await client.query<{ article: string }>({ name: 'search', text: PG_SEARCH, values: [text, K] });
        return rows.map((r) => r.article);
      },
      async close() {
        const peakRssBytes = await backendPeakRss(client);
        const details = { clusterPssBytes: await clusterPss(cluster.pid), clientPeakRssBytes: process.resourceUsage().maxRSS * 1024 };
        release();
        await running;
        return { peakRssBytes, details };
      },
    };
  },
};

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
      return { passages: id };
    },
    async open(dir) {
      const search = MiniSearch.loadJSON<{ id: number; text: string; article: string }>(await readFile(path.join(dir, MINISEARCH_FILE), 'utf8'), {
        fields: ['text'],
        storeFields: ['article'],
      });
      return { search: (question) => search.search(words(question).join(' ')).slice(0, K).map((h) => h['article'] as string) };
    },
  },
  sqlite: {
    async build(dataDir, dir) {
      const db = new Database(path.join(dir, SQLITE_FILE));
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec("CREATE VIRTUAL TABLE chunks USING fts5(body, article UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')");
      const insert = db.prepare('INSERT INTO chunks (body, article) VALUES (?, ?)');
      let rows = 0;
      const insertAll = db.transaction((batch: ReturnType<typeof chunkArticles>) => {
        for (const chunk of batch) insert.run(indexedText(chunk), chunk.articleId);
      });
      for await (const chunks of chunkBatches(dataDir)) {
        insertAll(chunks);
        rows += chunks.length;
      }
      db.exec("INSERT INTO chunks (chunks) VALUES ('optimize')");
      db.close();
      return { passages: rows };
    },
    async open(dir) {
      const db = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
      const query = db.prepare('SELECT article FROM chunks WHERE chunks MATCH ? ORDER BY rank LIMIT ?');
      return {
        search: (question) => {
          const match = ftsQuery(question);
          return match ? (query.all(match, K) as Array<{ article: string }>).map((r) => r.article) : [];
        },
      };
    },
  },
  postgres: postgresPeer,
};

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
  return total;
}

export async function hitAt5(search: Search, targets: readonly DevTarget[]): Promise<number> {
  if (targets.length === 0) return 0;
  let hits = 0;
  for (const t of targets) if ((await search(t.question)).slice(0, 5).includes(t.articleId)) hits++;
  return hits / targets.length;
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
    const built = await peer.build(values.data, values.dir);
    const seconds = built.seconds ?? (performance.now() - t0) / 1000;
    report = {
      peer: peerName,
      passages: built.passages,
      seconds,
      diskBytes: built.diskBytes ?? (await directoryBytes(values.dir)),
      peakRssBytes: built.peakRssBytes ?? process.resourceUsage().maxRSS * 1024,
      ...(built.details ? { details: built.details } : {}),
    };
  } else if (values.phase === 'serve') {
    if (!values.queries || !values.devset) throw new Error('peer-worker: --queries and --devset are required for serve');
    const queries = JSON.parse(await readFile(values.queries, 'utf8')) as string[];
    const targets = await devsetTargets(values.devset, values.seed!);
    const t0 = performance.now();
    const opened = await peer.open(values.dir);
    const loadSeconds = (performance.now() - t0) / 1000;
    try {
      const { search } = opened;
      for (const q of queries.slice(0, WARMUP)) await search(q);
      const times: number[] = [];
      for (const q of queries) {
        const t = performance.now();
        await search(q);
        times.push(performance.now() - t);
      }
      const ownPeakRss = process.resourceUsage().maxRSS * 1024;
      const hit5 = await hitAt5(search, targets);
      const closed = (await opened.close?.()) ?? {};
      report = {
        peer: peerName,
        loadSeconds,
        queryMs: { p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99) },
        peakRssBytes: closed.peakRssBytes ?? ownPeakRss,
        hit5,
        devQuestions: targets.length,
        ...(closed.details ? { details: closed.details } : {}),
      };
    } catch (err) {
      await opened.close?.().catch(() => undefined);
      throw err;
    }
  } else {
    throw new Error(`peer-worker: --phase must be build or serve, got ${JSON.stringify(values.phase)}`);
  }
  await writeFile(values.out, JSON.stringify(report, null, 2) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  stopClusterOnSignals();
  main().catch((err: unknown) => {
    process.stderr.write(`peer-worker: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
