import { spawn } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FRESHNESS_TARGETS, formatFreshness, runFreshness, type FreshnessResult } from './freshness.js';
import type { CorpusStyle } from './generate-corpus.js';
import { parseSize } from './metrics.js';
import { formatQuality, runQuality, type QualityReport } from './quality.js';
import { formatScale, mergeScaleResults, runScale, scaleChart, type ScaleResult } from './scale.js';
import { checkTargets, formatTargets } from './targets.js';

/**
 * `npm run bench`: quality against baselines on the dev set, then the scale runs, then the targets.
 *   --sizes 1k,10k,100k   corpus sizes in chunks (default); `--sizes 1m` for the long run; `none` to skip
 *   --skip-quality        scale only
 *   --bot                 also run bench/bot-load.ts (`npm run bench:bot`)
 *   --keep                keep the generated corpora and indexes in the temp dir
 *   --freshness-size 100k live news: poll → answerable on the seed corpus, and 1,000 new articles
 *                         added to an index of this many chunks (`none` skips both)
 *   --peers-up-to 100k    sizes up to this also run MiniSearch, SQLite FTS5, PostgreSQL (bench/peer-worker.ts)
 *   --corpus realistic    generator style: realistic (Heaps/Zipf fitted on data/) or worst (seed sentences reused)
 * Tables go to stdout, progress to stderr, JSON and the SVG chart to bench/results/.
 */

const DEFAULT_SIZES = '1k,10k,100k';
const BOT_SCRIPT = path.join('bench', 'bot-load.ts');

interface ScaleFile {
  machine: { cpu: string; cores: number; memoryGiB: number; node: string };
  results: ScaleResult[];
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`bench: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

const writeJson = (file: string, value: unknown) => writeFile(file, JSON.stringify(value, null, 2) + '\n');

/** Runs the bot load benchmark as its own process; its last stdout line is its JSON summary. */
async function runBot(): Promise<unknown> {
  await access(BOT_SCRIPT).catch(() => {
    throw new Error(`bench: --bot needs ${BOT_SCRIPT}, which does not exist`);
  });
  const child = spawn(process.execPath, ['--import', 'tsx', BOT_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (data: Buffer) => {
    output += data.toString();
    process.stdout.write(data);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`bench: ${BOT_SCRIPT} exited with ${code}`);
  const last = output.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  return last ? (JSON.parse(last) as unknown) : { output };
}

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: DEFAULT_SIZES },
      'skip-quality': { type: 'boolean', default: false },
      bot: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'freshness-size': { type: 'string', default: '100k' },
      'freshness-cache': { type: 'string' },
      corpus: { type: 'string', default: 'realistic' },
      'peers-up-to': { type: 'string', default: '100k' },
      data: { type: 'string', default: 'data' },
      devset: { type: 'string', default: path.join('bench', 'devset.jsonl') },
      embeddings: { type: 'string', default: 'builtin' },
      results: { type: 'string', default: path.join('bench', 'results') },
    },
  });
  const embeddings = values.embeddings as 'builtin' | 'auto' | 'transformers';
  if (!['builtin', 'auto', 'transformers'].includes(embeddings)) throw new Error(`bench: --embeddings must be builtin, auto or transformers, got "${embeddings}"`);
  const style = values.corpus as CorpusStyle;
  if (style !== 'realistic' && style !== 'worst') throw new Error(`bench: --corpus must be realistic or worst, got "${style}"`);
  const sizes = values.sizes === 'none' ? [] : values.sizes!.split(',').map(parseSize);
  const resultsDir = values.results!;
  await mkdir(resultsDir, { recursive: true });

  let quality: QualityReport | undefined;
  if (!values['skip-quality']) {
    log('quality: dev set, four systems');
    quality = await runQuality({ dataDir: values.data!, devsetFile: values.devset!, embeddings });
    await writeJson(path.join(resultsDir, 'quality.json'), { measuredAt: new Date().toISOString(), ...quality });
    process.stdout.write(`${formatQuality(quality)}\n\n`);
  } else {
    quality = await readJson<QualityReport>(path.join(resultsDir, 'quality.json'));
  }

  const scaleFile = path.join(resultsDir, 'scale.json');
  let scale: ScaleResult[];
  if (sizes.length > 0) {
    const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
    // Saved after every size, so a run stopped during a long size keeps the ones before it. Read each time:
    // a long run (1M) must not drop sizes another run saved meanwhile.
    const save = async (done: readonly ScaleResult[]) => {
      const merged = mergeScaleResults((await readJson<ScaleFile>(scaleFile))?.results ?? [], done);
      await writeJson(scaleFile, { machine, results: merged } satisfies ScaleFile);
      await writeFile(path.join(resultsDir, 'scale.svg'), scaleChart(merged));
      return merged;
    };
    const fresh = await runScale(sizes, { dataDir: values.data!, devsetFile: values.devset!, keep: values.keep!, style, peersUpTo: parseSize(values['peers-up-to']!), log, onResult: (r) => save([r]).then(() => undefined) });
    process.stdout.write(`${formatScale(fresh)}\n\n`);
    scale = await save(fresh);
    if (scale.length > fresh.length) process.stdout.write(`All sizes in ${scaleFile} (earlier runs included):\n${formatScale(scale)}\n\n`);
  } else {
    scale = (await readJson<ScaleFile>(scaleFile))?.results ?? [];
    if (scale.length > 0) process.stdout.write(`Saved results in ${scaleFile}:\n${formatScale(scale)}\n\n`);
  }
  // Redrawn from all saved sizes, also without a fresh run, so the chart follows chart.ts.
  if (scale.length > 0) await writeFile(path.join(resultsDir, 'scale.svg'), scaleChart(scale));

  if (values['freshness-size'] !== 'none') {
    const freshness: FreshnessResult = await runFreshness({ dataDir: values.data!, size: parseSize(values['freshness-size']!), cacheDir: values['freshness-cache'], log });
    await writeJson(path.join(resultsDir, 'freshness.json'), { measuredAt: new Date().toISOString(), targets: FRESHNESS_TARGETS, ...freshness });
    process.stdout.write(`${formatFreshness(freshness)}\n\n`);
  }

  if (values.bot) {
    log(`bot: ${BOT_SCRIPT}`);
    await writeJson(path.join(resultsDir, 'bot.json'), { measuredAt: new Date().toISOString(), result: await runBot() });
  }

  process.stdout.write(`${formatTargets(checkTargets(quality, scale))}\n`);
  log(`results written to ${resultsDir}/`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
