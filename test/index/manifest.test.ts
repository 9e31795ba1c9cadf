import { describe, expect, it } from 'vitest';
import { checkManifest, corpusHash, FORMAT_VERSION, parseManifest, PIPELINE, type IndexManifest } from '../../src/index/manifest.js';

const manifest: IndexManifest = {
  formatVersion: FORMAT_VERSION,
  pipeline: PIPELINE,
  embedder: { id: 'builtin-hash-v1', dimension: 384 },
  corpusHash: 'abc',
  files: { 'news.txt': { hash: 'h1', articles: 2, chunks: 5, size: 120, mtimeMs: 1_700_000_000_000 } },
  counts: { files: 1, articles: 2, chunks: 5 },
  nextLabel: 5,
  builtAt: '2025-01-01T00:00:00.000Z',
  skipped: {},
  contents: { 'bm25.bin': { bytes: 10, xxh3: '00000000000000ff' } },
};

describe('checkManifest', () => {
  it('accepts the embedder the index was built with', () => {
    expect(checkManifest(manifest, { id: 'builtin-hash-v1', dimension: 384 })).toBeNull();
  });

  it('names the embedder change that forces a rebuild', () => {
    expect(checkManifest(manifest, { id: 'transformers:Xenova/multilingual-e5-small', dimension: 384 })).toBe(
      'manifest embedder builtin-hash-v1 != transformers:Xenova/multilingual-e5-small',
    );
    expect(checkManifest(manifest, { id: 'builtin-hash-v1', dimension: 256 })).toBe(
      'manifest dimension 384 does not match embedder dimension 256',
    );
  });

  it('rejects an index of another format version', () => {
    expect(checkManifest({ ...manifest, formatVersion: FORMAT_VERSION + 1 }, manifest.embedder)).toBe(
      `manifest format ${FORMAT_VERSION + 1} != ${FORMAT_VERSION}`,
    );
  });

  it('rejects an index built by another text pipeline (analyzer or chunker changed)', () => {
    expect(checkManifest({ ...manifest, pipeline: 'parser 0, analyzer 0, chunker 1' }, manifest.embedder)).toBe(
      `manifest pipeline "parser 0, analyzer 0, chunker 1" != "${PIPELINE}"`,
    );
  });
});

describe('parseManifest', () => {
  it('round-trips a manifest', () => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
  });

  it('names the missing or malformed fields', () => {
    const { embedder: _, ...noEmbedder } = manifest;
    expect(() => parseManifest(JSON.stringify(noEmbedder))).toThrow(/^embedder: /);
    expect(() => parseManifest(JSON.stringify({ ...manifest, nextLabel: -1 }))).toThrow(/^nextLabel: /);
    expect(() => parseManifest('{"formatVersion": 1,')).toThrow(/^not JSON: /);
  });
});

describe('corpusHash', () => {
  it('depends on file names and hashes, not on their order', () => {
    const a = { file: 'a.txt', hash: '1' };
    const b = { file: 'b.txt', hash: '2' };
    expect(corpusHash([a, b])).toBe(corpusHash([b, a]));
    expect(corpusHash([a, b])).not.toBe(corpusHash([a, { ...b, hash: '3' }]));
    expect(corpusHash([a])).not.toBe(corpusHash([a, b]));
  });
});
