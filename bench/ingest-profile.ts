import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildIndex } from '../src/index/build-index.js';
import { BuiltinEmbedder } from '../src/index/builtin-embedder.js';
import { defaultEncodeWorkers } from '../src/index/passage-encoder.js';

/**
 * One full build of a generated corpus (bench/generate-corpus.ts --out DIR), for profiling ingest:
 * `node --cpu-prof --import tsx bench/ingest-profile.ts --data DIR`. Prints wall and CPU seconds
 * (all threads) and the load average, so the figures can be read next to the machine's state.
 */
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    index: { type: 'string' },
    workers: { type: 'string' },
    shards: { type: 'string' },
  },
});
if (!values.data) throw new Error('ingest-profile: --data DIR is required');
const indexDir = values.index ?? path.join(values.data, 'index');
await rm(indexDir, { recursive: true, force: true });
const load0 = os.loadavg()[0];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await buildIndex({
  dataDir: values.data,
  indexDir,
  embedder: new BuiltinEmbedder(),
  logger: pino({ level: 'silent' }),
  force: true,
  workers: values.workers === undefined ? defaultEncodeWorkers() : Number(values.workers),
  ...(values.shards === undefined ? {} : { graphShards: Number(values.shards) }),
});
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const chunks = result.counts.chunks;
process.stdout.write(
  `${JSON.stringify({
    chunks,
    graphShards: values.shards === undefined ? 'default' : Number(values.shards),
    wallSeconds: +wall.toFixed(2),
    cpuSeconds: +cpuSeconds.toFixed(2),
    chunksPerSecond: Math.round(chunks / wall),
    chunksPerCpuSecond: Math.round(chunks / cpuSeconds),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    load: [load0, os.loadavg()[0]].map((l) => +(l ?? 0).toFixed(2)),
  })}\n`,
);
