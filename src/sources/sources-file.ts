import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { REGIONS } from '../corpus/regions.js';
import { parseDuration } from '../text/dates.js';

/**
 * The sources file (SOURCES_FILE): which outlets the bot follows and how often.
 * {"sources": [{"id", "name", "kind", "url", "every", "language", "region", ...}]}
 */

export type SourceKind = 'rss' | 'listing' | 'page' | 'sitemap';

export interface Source {
  /** Stable id: names the source's JSONL file (live-<id>.jsonl) and its log lines. */
  id: string;
  /** Outlet as users see it ("Enbekshi QazaQ"). */
  name: string;
  kind: SourceKind;
  url: string;
  /** Poll interval in milliseconds. */
  everyMs: number;
  language: 'ru' | 'kk' | null;
  /** Canonical region id the outlet covers (corpus/regions.ts), added to every article's regions. */
  region: string | null;
  /** The outlet publishes originals (a government press service): its copy wins a near-duplicate merge. */
  original: boolean;
  /** Listing pages followed through pagination, at most. */
  maxPages: number;
}

const httpUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL');

const EntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and - (it names a file)'),
  name: z.string().trim().min(1, 'must not be empty'),
  kind: z.enum(['rss', 'listing', 'page', 'sitemap']),
  url: httpUrl,
  every: z
    .string()
    .default('15m')
    .transform((v, ctx) => {
      const ms = parseDuration(v);
      if (ms === undefined || ms < 1000) ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration of at least 1s like "30s", "15m", "1h"` });
      return ms ?? 0;
    }),
  language: z.enum(['ru', 'kk']).nullish(),
  region: z.string().nullish(),
  original: z.boolean().default(false),
  maxPages: z.number().int().min(1).max(50).default(3),
});

const FileSchema = z.strictObject({ sources: z.array(EntrySchema) });

export class SourcesFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourcesFileError';
  }
}

/** Validates the parsed JSON; throws one SourcesFileError naming the entry (by id or position) and the field. */
const REGION_IDS: ReadonlySet<string> = new Set(REGIONS.map((r) => r.id));

export function parseSources(value: unknown, file = 'sources file', knownRegions: ReadonlySet<string> = REGION_IDS): Source[] {
  const parsed = FileSchema.safeParse(value);
  const raw = value as { sources?: Array<{ id?: unknown }> };
  if (!parsed.success) {
    const issue = parsed.error.issues[0] ?? { path: [], message: 'invalid' };
    const [top, index, field] = issue.path;
    if (top === 'sources' && typeof index === 'number') {
      const id = raw.sources?.[index]?.id;
      const entry = typeof id === 'string' ? `"${id}" (entry ${index + 1})` : `entry ${index + 1}`;
      throw new SourcesFileError(`sources: ${file}: source ${entry}: ${field === undefined ? 'entry' : String(field)}: ${issue.message}`);
    }
    throw new SourcesFileError(`sources: ${file}: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  return parsed.data.sources.map((e, i) => {
    if (seen.has(e.id)) throw new SourcesFileError(`sources: ${file}: source "${e.id}" (entry ${i + 1}): id: used twice`);
    seen.add(e.id);
    if (e.region && !knownRegions.has(e.region)) {
      throw new SourcesFileError(`sources: ${file}: source "${e.id}" (entry ${i + 1}): region: unknown region "${e.region}"`);
    }
    return {
      id: e.id,
      name: e.name,
      kind: e.kind,
      url: e.url,
      everyMs: e.every,
      language: e.language ?? null,
      region: e.region ?? null,
      original: e.original,
      maxPages: e.maxPages,
    };
  });
}

/** Reads and validates the sources file; a missing or unparsable file is a SourcesFileError too. */
export function loadSources(file: string, knownRegions: ReadonlySet<string> = REGION_IDS): Source[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SourcesFileError(`sources: cannot read ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SourcesFileError(`sources: ${file} is not JSON: ${(err as Error).message}`);
  }
  return parseSources(value, file, knownRegions);
}
