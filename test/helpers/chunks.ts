import type { Chunk } from '../../src/index/chunk.js';

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
