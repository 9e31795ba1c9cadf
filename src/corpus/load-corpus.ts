import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, IngestWarning } from './article.js';
import { contentHash } from './hash.js';
import { parseJsonl } from './parse-jsonl.js';
import { parseTextFile, type ParseResult } from './parse-text.js';

export interface CorpusFile {
  file: string;
  /** Content hash of the file's bytes: unchanged files need no re-indexing. */
  hash: string;
  /** Articles this file contributed (after dropping duplicates of earlier ones). */
  articles: number;
  /** Size and modification time: a cheap fingerprint to skip re-reading an unchanged corpus at start. */
  size: number;
  mtimeMs: number;
}

/** What a data file looks like from the outside, without reading it. */
export type FileStamp = Pick<CorpusFile, 'file' | 'size' | 'mtimeMs'>;

export interface Corpus {
  articles: Article[];
  warnings: IngestWarning[];
  files: CorpusFile[];
  /**
   * Entries that were skipped (unreadable, not a regular file, too large, empty, binary, not UTF-8), with
   * their stamps: the index records them too, so an unchanged skipped file keeps the fast start.
   */
  skipped: FileStamp[];
}

export interface CorpusOptions {
  /** Larger files are skipped with a warning (default DEFAULT_MAX_FILE_BYTES). */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

const PARSERS: Record<string, (file: string, content: string) => ParseResult> = {
  '.txt': parseTextFile,
  '.md': parseTextFile,
  '.jsonl': parseJsonl,
};

/**
 * Reads every *.txt, *.md and *.jsonl file at the top of dataDir (subfolders hold the index and
 * state), in file-name order. Unreadable entries (broken links, no permission, pipes, sockets), files
 * over the size limit, binary, non-UTF-8 and empty files are reported once each and skipped.
 */
export async function loadCorpus(dataDir: string, options: CorpusOptions = {}): Promise<Corpus> {
  const articles: Article[] = [];
  const corpus = await readCorpus(dataDir, options, (batch) => {
    for (const article of batch) articles.push(article);
  });
  return { articles, warnings: corpus.warnings, files: corpus.files, skipped: corpus.skipped };
}

/** A corpus as `readCorpus` describes it: everything but the articles, which went to its callback. */
export interface CorpusSummary extends Omit<Corpus, 'articles'> {
  articleCount: number;
}

/**
 * What `loadCorpus` does, one file at a time: each file's articles (after dropping duplicates of earlier
 * ones) go to `each` before the next file is read, so a caller that does not keep them (a full index build,
 * which writes their chunks to disk) holds one file's text at a time instead of the whole corpus.
 */
export async function readCorpus(
  dataDir: string,
  options: CorpusOptions,
  each: (articles: Article[], file: string) => void | Promise<void>,
): Promise<CorpusSummary> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch (err) {
    throw new Error(`corpus: cannot read data directory ${dataDir}: ${(err as Error).message}`, { cause: err });
  }
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const corpus: CorpusSummary = { articleCount: 0, warnings: [], files: [], skipped: [] };
  const seen = new Map<string, string>();
  const outlets = await readOutlets(dataDir, corpus.warnings);
  for (const file of corpusNames(names)) {
    const full = path.join(dataDir, file);
    const entry = await inspect(dataDir, file);
    if (entry === null) continue;
    const skip = (reason: string) => {
      corpus.warnings.push({ file, reason });
      corpus.skipped.push(entry.stamp);
    };
    if (entry.problem !== undefined) {
      skip(entry.problem);
      continue;
    }
    if (entry.stamp.size > maxFileBytes) {
      skip(`файл больше ${formatMb(maxFileBytes)} МБ (${formatMb(entry.stamp.size)} МБ), пропущен; предел задаёт MAX_FILE_MB`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(full);
    } catch (err) {
      skip(`не удалось прочитать файл: ${describeFsError(err)}`);
      continue;
    }
    const decoded = decode(bytes);
    if (typeof decoded !== 'string') {
      skip(decoded.problem);
      continue;
    }
    const parsed = parserFor(file)?.(file, decoded) ?? { articles: [], warnings: [] };
    corpus.warnings.push(...parsed.warnings);
    const kept: Article[] = [];
    const outlet = outlets[file];
    for (const parsedArticle of parsed.articles) {
      const article = outlet ? { ...parsedArticle, source: outlet } : parsedArticle;
      const earlier = seen.get(article.id);
      if (earlier !== undefined) {
        corpus.warnings.push({ file, reason: `статья «${article.title}» повторяет уже загруженную из ${earlier}` });
        continue;
      }
      seen.set(article.id, file);
      kept.push(article);
    }
    // The stamp taken before reading: a file changed meanwhile looks changed at the next start.
    corpus.files.push({ ...entry.stamp, hash: contentHash(bytes), articles: kept.length });
    corpus.articleCount += kept.length;
    await each(kept, file);
  }
  return corpus;
}

/** Outlet names for data files whose text names none: data/outlets.json, {"outlets": {"<file>": "<outlet>"}}. */
export const OUTLETS_FILE = 'outlets.json';

async function readOutlets(dataDir: string, warnings: IngestWarning[]): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, OUTLETS_FILE), 'utf8');
  } catch {
    return {};
  }
  try {
    const outlets = (JSON.parse(text) as { outlets?: unknown }).outlets;
    if (outlets && typeof outlets === 'object') return Object.fromEntries(Object.entries(outlets).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Record<string, string>;
    warnings.push({ file: OUTLETS_FILE, reason: 'нет объекта "outlets", файл пропущен' });
  } catch (err) {
    warnings.push({ file: OUTLETS_FILE, reason: `не JSON: ${(err as Error).message}` });
  }
  return {};
}

/**
 * The stamps of every entry loadCorpus would read or skip, without reading any file. Never throws
 * for one bad entry: a broken link must not stop the bot from starting.
 */
export async function stampCorpus(dataDir: string): Promise<FileStamp[]> {
  const stamps: FileStamp[] = [];
  for (const file of corpusNames(await readdir(dataDir))) {
    const entry = await inspect(dataDir, file);
    if (entry !== null) stamps.push(entry.stamp);
  }
  return stamps;
}

interface Entry {
  stamp: FileStamp;
  /** Why the entry cannot be read at all (it is then skipped). */
  problem?: string;
}

/** Stat without reading; null for folders (they hold the index and state, not news). */
async function inspect(dataDir: string, file: string): Promise<Entry | null> {
  const full = path.join(dataDir, file);
  try {
    const st = await stat(full);
    if (st.isDirectory()) return null;
    const stamp = { file, size: st.size, mtimeMs: st.mtimeMs };
    // Reading a FIFO would block start-up until someone writes to it.
    return st.isFile() ? { stamp } : { stamp, problem: 'не обычный файл (канал, сокет или устройство), пропущен' };
  } catch (err) {
    // A broken link or an entry we may not stat: the link's own stamp, so an unchanged one keeps the fast start.
    const link = await lstat(full).catch(() => null);
    return {
      stamp: { file, size: link?.size ?? 0, mtimeMs: link?.mtimeMs ?? 0 },
      problem: `не удалось прочитать файл: ${describeFsError(err)}`,
    };
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'ссылка ведёт на несуществующий файл';
  if (code === 'EACCES' || code === 'EPERM') return 'нет прав на чтение';
  if (code === 'ELOOP') return 'ссылка ведёт сама на себя';
  return (err as Error).message;
}

function formatMb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 10) / 10).replace('.', ',');
}

function corpusNames(names: string[]): string[] {
  return names.filter((n) => parserFor(n)).sort(byCodePoint);
}

function parserFor(file: string) {
  return PARSERS[path.extname(file).toLowerCase()];
}

/** Locale-independent order, so every machine indexes the same files in the same order. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decode(bytes: Uint8Array): string | { problem: string } {
  if (bytes.length === 0) return { problem: 'файл пуст' };
  if (bytes.includes(0)) return { problem: 'двоичный файл (содержит нулевые байты), пропущен' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'файл не в кодировке UTF-8, пропущен' };
  }
  return text.trim() === '' ? { problem: 'файл пуст' } : text;
}
