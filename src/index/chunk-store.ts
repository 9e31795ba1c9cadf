import { open, readFile } from 'node:fs/promises';
import type { Article } from '../corpus/article.js';
import type { Chunk } from './chunk.js';

/** One article as the index knows it, gathered from its chunks. */
export type IndexedArticle = Pick<Article, 'id' | 'title' | 'date' | 'url' | 'source' | 'regions'>;

/** Lines are buffered up to this size before a write: one JSONL file may exceed V8's string limit. */
const WRITE_BATCH_CHARS = 4 << 20;
const NEWLINE = 0x0a;

/**
 * The label ↔ chunk map. Persisted as JSONL, one `{"label":…,…chunk}` object a line, so
 * neither writing nor reading needs the whole file as one string.
 */
export class ChunkStore {
  private readonly byLabel = new Map<number, Chunk>();
  private readonly labelById = new Map<string, number>();

  get size(): number {
    return this.byLabel.size;
  }

  /** The chunk behind a label; labels come from this index, so a miss is a bug and throws. */
  get(label: number): Chunk {
    const chunk = this.byLabel.get(label);
    if (!chunk) throw new Error(`chunks: no chunk with label ${label}`);
    return chunk;
  }

  labelOf(chunkId: string): number | undefined {
    return this.labelById.get(chunkId);
  }

  add(label: number, chunk: Chunk): void {
    if (this.byLabel.has(label)) throw new Error(`chunks: label ${label} already used`);
    if (this.labelById.has(chunk.id)) throw new Error(`chunks: chunk ${chunk.id} already stored`);
    this.byLabel.set(label, chunk);
    this.labelById.set(chunk.id, label);
  }

  /** Swaps in fresh metadata for a stored chunk with the same id (its text, hence vector, is unchanged). */
  replace(label: number, chunk: Chunk): void {
    if (this.get(label).id !== chunk.id) throw new Error(`chunks: label ${label} holds another chunk than ${chunk.id}`);
    this.byLabel.set(label, chunk);
  }

  remove(label: number): void {
    this.labelById.delete(this.get(label).id);
    this.byLabel.delete(label);
  }

  entries(): IterableIterator<[number, Chunk]> {
    return this.byLabel.entries();
  }

  /** One entry per article, in order of its first chunk; regions are the union of its chunks'. */
  articles(): IndexedArticle[] {
    const seen = new Map<string, IndexedArticle>();
    for (const c of this.byLabel.values()) {
      const known = seen.get(c.articleId);
      if (!known) {
        seen.set(c.articleId, { id: c.articleId, title: c.title, date: c.date, url: c.url, source: c.source, regions: [...c.regions] });
      } else {
        for (const region of c.regions) if (!known.regions.includes(region)) known.regions.push(region);
      }
    }
    return [...seen.values()];
  }

  async save(file: string): Promise<void> {
    const handle = await open(file, 'w');
    try {
      let batch = '';
      for (const [label, chunk] of this.byLabel) {
        batch += JSON.stringify({ label, ...chunk }) + '\n';
        if (batch.length >= WRITE_BATCH_CHARS) {
          await handle.write(batch);
          batch = '';
        }
      }
      await handle.write(batch);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  static async load(file: string): Promise<ChunkStore> {
    return ChunkStore.decode(await readFile(file));
  }

  static decode(bytes: Buffer): ChunkStore {
    const store = new ChunkStore();
    let line = 1;
    for (let start = 0; start < bytes.length; line++) {
      let end = bytes.indexOf(NEWLINE, start);
      if (end < 0) end = bytes.length;
      if (end > start) {
        const { label, chunk } = parseLine(bytes.toString('utf8', start, end), line);
        store.add(label, chunk);
      }
      start = end + 1;
    }
    return store;
  }
}

function parseLine(text: string, line: number): { label: number; chunk: Chunk } {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (err) {
    throw new Error(`chunks: line ${line}: ${(err as Error).message}`);
  }
  // Shape check of the fields lookups depend on; the file is our own output, checksummed.
  const r = record as Partial<Chunk> & { label?: unknown };
  if (typeof r !== 'object' || r === null || !Number.isInteger(r.label) || typeof r.id !== 'string' || typeof r.text !== 'string' || !Array.isArray(r.regions)) {
    throw new Error(`chunks: line ${line}: not a chunk record`);
  }
  const { label, ...chunk } = r;
  return { label: label as number, chunk: chunk as Chunk };
}
