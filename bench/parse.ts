/**
 * Parsing speed: one large plain-text file (the seed articles repeated) through the real parser, at
 * growing sizes. Linear parsing keeps MB/s flat; the ratio column is time(size) / time(previous size).
 *   npm run bench:parse [-- --sizes 1,4,16]   sizes in MB
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseTextFile } from '../src/corpus/parse-text.js';

export interface ParseRow {
  megabytes: number;
  seconds: number;
  megabytesPerSecond: number;
  articles: number;
}

const SEED_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** A plain-text file of about `bytes` bytes made of the seed corpus' text files, as one large upload would be. */
export async function syntheticText(bytes: number, dataDir = SEED_DIR): Promise<string> {
  const names = (await readdir(dataDir)).filter((n) => n.endsWith('.txt')).sort();
  const seed = (await Promise.all(names.map((n) => readFile(path.join(dataDir, n), 'utf8')))).join('\n\n');
  const seedBytes = Buffer.byteLength(seed);
  return Array.from({ length: Math.max(1, Math.round(bytes / seedBytes)) }, () => seed).join('\n\n');
}

/**
 * Best of `repeats` runs, in CPU seconds of this process: parsing is single-threaded, and on a shared
 * machine the wall clock also counts whatever else runs, while the CPU time does not.
 */
export function timeParse(text: string, repeats = 3): ParseRow {
  let best = Infinity;
  let articles = 0;
  for (let i = 0; i < repeats; i++) {
    articles = cpuSeconds(() => parseTextFile('big.txt', text).articles.length, (s) => { best = Math.min(best, s); });
  }
  const megabytes = Buffer.byteLength(text) / 1024 / 1024;
  return { megabytes, seconds: best, megabytesPerSecond: megabytes / best, articles };
}

/** Runs `work` and reports the CPU seconds it took (user + system) to `report`. */
export function cpuSeconds<T>(work: () => T, report: (seconds: number) => void): T {
  const started = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(started);
  report((used.user + used.system) / 1e6);
  return result;
}

export async function runParseBench(sizesMb: number[], repeats = 3): Promise<ParseRow[]> {
  const rows: ParseRow[] = [];
  for (const mb of sizesMb) rows.push(timeParse(await syntheticText(mb * 1024 * 1024), repeats));
  return rows;
}

export function formatParse(rows: ParseRow[]): string {
  const lines = ['| MB | CPU seconds | MB/s | × time vs previous |', '| ---: | ---: | ---: | ---: |'];
  rows.forEach((r, i) => {
    const ratio = i === 0 ? '' : (r.seconds / rows[i - 1]!.seconds).toFixed(2);
    lines.push(`| ${r.megabytes.toFixed(1)} | ${r.seconds.toFixed(3)} | ${r.megabytesPerSecond.toFixed(1)} | ${ratio} |`);
  });
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,4,16' } } });
  const sizes = values.sizes.split(',').map(Number);
  console.log(formatParse(await runParseBench(sizes)));
}
