import { readdirSync, readFileSync } from 'node:fs';
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
 * (all threads, and per thread of ≥ 0.5 s) and the load average, so the figures can be read next to the
 * machine's state.
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
/**
 * CPU seconds per thread (Linux: /proc/self/task/<tid>/stat, utime + stime), sampled every 250 ms and kept at
 * their last value, since the encode workers end before the build returns: which thread the build is bound by.
 */
const threads = new Map<string, { name: string; seconds: number }>();
const ticks = 100; // USER_HZ
function sampleThreads(): void {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      threads.set(tid, { name, seconds: (Number(fields[11]) + Number(fields[12])) / ticks });
    } catch {
      // the thread ended between the listing and the read
    }
  }
}
const sampler = setInterval(sampleThreads, 250);
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
sampleThreads();
clearInterval(sampler);
const busiest = [...threads.entries()]
  .filter(([, t]) => t.seconds >= 0.5)
  .sort((a, b) => b[1].seconds - a[1].seconds)
  .map(([tid, t]) => `${tid === String(process.pid) ? 'main' : t.name}:${t.seconds.toFixed(1)}`);
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
    threadCpuSeconds: busiest,
    load: [load0, os.loadavg()[0]].map((l) => +(l ?? 0).toFixed(2)),
  })}\n`,
);
