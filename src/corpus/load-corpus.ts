import { readdir, readFile, stat } from 'node:fs/promises';
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
}

const PARSERS: Record<string, (file: string, content: string) => ParseResult> = {
  '.txt': parseTextFile,
  '.md': parseTextFile,
  '.jsonl': parseJsonl,
};

/**
 * Reads every *.txt, *.md and *.jsonl file at the top of dataDir (subfolders hold the index and
 * state), in file-name order. Unreadable, binary, non-UTF-8 and empty files are reported and skipped.
 */
export async function loadCorpus(dataDir: string): Promise<Corpus> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch (err) {
    throw new Error(`corpus: cannot read data directory ${dataDir}: ${(err as Error).message}`, { cause: err });
  }
  const corpus: Corpus = { articles: [], warnings: [], files: [] };
  const seen = new Map<string, string>();
  const outlets = await readOutlets(dataDir, corpus.warnings);
  for (const file of corpusNames(names)) {
    const full = path.join(dataDir, file);
    const bytes = await readRegularFile(full);
    if (bytes === null) continue;
    if (bytes instanceof Error) {
      corpus.warnings.push({ file, reason: `не удалось прочитать файл: ${bytes.message}` });
      continue;
    }
    const decoded = decode(bytes);
    if (typeof decoded !== 'string') {
      corpus.warnings.push({ file, reason: decoded.problem });
      continue;
    }
    const parsed = parserFor(file)?.(file, decoded) ?? { articles: [], warnings: [] };
    corpus.warnings.push(...parsed.warnings);
    let kept = 0;
    const outlet = outlets[file];
    for (const parsedArticle of parsed.articles) {
      const article = outlet ? { ...parsedArticle, source: outlet } : parsedArticle;
      const earlier = seen.get(article.id);
      if (earlier !== undefined) {
        corpus.warnings.push({ file, reason: `статья «${article.title}» повторяет уже загруженную из ${earlier}` });
        continue;
      }
      seen.set(article.id, file);
      corpus.articles.push(article);
      kept++;
    }
    const { size, mtimeMs } = await stat(full);
    corpus.files.push({ file, hash: contentHash(bytes), articles: kept, size, mtimeMs });
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

/** The data files loadCorpus would read, with size and mtime, without reading them. */
export async function stampCorpus(dataDir: string): Promise<FileStamp[]> {
  const stamps: FileStamp[] = [];
  for (const file of corpusNames(await readdir(dataDir))) {
    const st = await stat(path.join(dataDir, file));
    if (st.isFile()) stamps.push({ file, size: st.size, mtimeMs: st.mtimeMs });
  }
  return stamps;
}

function corpusNames(names: string[]): string[] {
  return names.filter((n) => parserFor(n)).sort(byCodePoint);
}

/** The file's bytes; null for directories and other non-files. */
async function readRegularFile(full: string): Promise<Uint8Array | Error | null> {
  try {
    return (await stat(full)).isFile() ? await readFile(full) : null;
  } catch (err) {
    return err as Error;
  }
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
