import type { Chunk } from '../../src/index/chunk.js';
import type { RetrievedPassage } from '../../src/retrieval/passage.js';

/** A chunk with plausible metadata; tests set what they are about. */
export function makeChunk(fields: Pick<Chunk, 'id' | 'articleId' | 'text'> & Partial<Chunk>): Chunk {
  return {
    ordinal: 0,
    title: `Статья ${fields.articleId}`,
    date: '2025-04-15',
    url: `https://example.kz/${fields.articleId}`,
    source: 'Enbekshi QazaQ',
    language: 'ru',
    regions: [],
    file: 'a.txt',
    ...fields,
  };
}

/** A retrieved passage at `rank` whose chunk holds `text` (one article per rank unless `articleId` joins them). */
export function rankedPassage(rank: number, text: string, title = `Статья ${rank}`, articleId = `a${rank}`): RetrievedPassage {
  return { rank, score: 1 / rank, chunk: makeChunk({ id: `c${rank}`, articleId, ordinal: rank, text, title, url: `https://example.kz/${rank}`, file: 'x.txt' }) };
}
