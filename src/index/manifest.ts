import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PARSER_VERSION } from '../corpus/parse-text.js';
import { ANALYZER_VERSION } from '../text/analyzer.js';
import { CHUNKER_VERSION } from './chunker.js';
import type { Embedder } from './embedder.js';

/** Bump when any file layout in a generation changes: older indexes then rebuild. */
export const FORMAT_VERSION = 4;

/** The text pipeline the articles, chunks and lexical index come from: a change means other metadata, chunks or terms. */
export const PIPELINE = `parser ${PARSER_VERSION}, analyzer ${ANALYZER_VERSION}, chunker ${CHUNKER_VERSION}`;

export const MANIFEST_FILE = 'manifest.json';

const FileEntrySchema = z.object({
  /** Content hash of the data file, as loadCorpus reports it. */
  hash: z.string(),
  articles: z.number().int().nonnegative(),
  /** Chunks of the file in the index (their labels: the chunk store's entries with this `file`). */
  chunks: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number().nonnegative(),
});

const StampSchema = z.object({ size: z.number().int().nonnegative(), mtimeMs: z.number().nonnegative() });

const ContentSchema = z.object({ bytes: z.number().int().nonnegative(), xxh3: z.string().regex(/^[0-9a-f]{16}$/) });

const ManifestSchema = z.object({
  formatVersion: z.number().int(),
  pipeline: z.string(),
  embedder: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  /** Hash over the data files' names and hashes: equal corpora give equal hashes. */
  corpusHash: z.string(),
  files: z.record(z.string(), FileEntrySchema),
  /** Data entries the build skipped (unreadable, too large, empty…), stamped so they do not force a re-read. */
  skipped: z.record(z.string(), StampSchema),
  counts: z.object({
    files: z.number().int().nonnegative(),
    articles: z.number().int().nonnegative(),
    chunks: z.number().int().nonnegative(),
  }),
  /** Labels are never reused within an index's history: the next chunk added gets this one. */
  nextLabel: z.number().int().nonnegative(),
  builtAt: z.string(),
  /**
   * What the vector files hold (hnsw-vector-store.ts `VectorForm`): the HNSW graph, or the int8 vectors alone
   * while every search is exact. Absent in indexes written before the flat form existed: a graph.
   */
  vectorForm: z.enum(['graph', 'flat']).optional(),
  /** Every other file of the generation with its size and xxh3-64, checked before it is read. */
  contents: z.record(z.string(), ContentSchema),
});

export type IndexManifest = z.infer<typeof ManifestSchema>;
export type ManifestFileEntry = z.infer<typeof FileEntrySchema>;
export type ContentDigest = z.infer<typeof ContentSchema>;

export class ManifestFormatError extends Error {
  constructor(readonly version: number) {
    super(`manifest format ${version} != ${FORMAT_VERSION}`);
    this.name = 'ManifestFormatError';
  }
}

export function parseManifest(text: string): IndexManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`, { cause: err });
  }
  // An index of another format is a mismatch (rebuild, said plainly), not a corrupt manifest.
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version !== FORMAT_VERSION) throw new ManifestFormatError(version);
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

/** Why an index built with `manifest` cannot serve `embedder` (and must be rebuilt), or null when it can. */
export function checkManifest(manifest: IndexManifest, embedder: Pick<Embedder, 'id' | 'dimension'>): string | null {
  if (manifest.formatVersion !== FORMAT_VERSION) {
    return `manifest format ${manifest.formatVersion} != ${FORMAT_VERSION}`;
  }
  if (manifest.pipeline !== PIPELINE) return `manifest pipeline "${manifest.pipeline}" != "${PIPELINE}"`;
  if (manifest.embedder.id !== embedder.id) return `manifest embedder ${manifest.embedder.id} != ${embedder.id}`;
  if (manifest.embedder.dimension !== embedder.dimension) {
    return `manifest dimension ${manifest.embedder.dimension} does not match embedder dimension ${embedder.dimension}`;
  }
  return null;
}

export function corpusHash(files: ReadonlyArray<{ file: string; hash: string }>): string {
  const lines = files.map((f) => `${f.file}\t${f.hash}\n`).sort();
  return createHash('sha256').update(lines.join('')).digest('hex').slice(0, 16);
}
