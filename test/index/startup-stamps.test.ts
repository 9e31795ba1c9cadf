import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadCorpus, stampCorpus } from '../../src/corpus/load-corpus.js';
import { buildIndex } from '../../src/index/build-index.js';
import { BuiltinEmbedder } from '../../src/index/builtin-embedder.js';
import { chunkArticles } from '../../src/index/chunker.js';

describe('start-up with unchanged data files', () => {
  it('does not read the corpus when every file has the size and mtime the index was built from', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-stamps-'));
    const indexDir = path.join(dataDir, 'index');
    await writeFile(path.join(dataDir, 'a.txt'), 'Новая школа\n\nВ Шымкенте открыли новую школу на 600 мест.');
    let reads = 0;
    const sources = {
      loadCorpus: (dir: string) => {
        reads++;
        return loadCorpus(dir);
      },
      chunkArticles,
      stampCorpus,
    };
    const build = () => buildIndex({ dataDir, indexDir, embedder: new BuiltinEmbedder(), logger: pino({ level: 'silent' }), sources });

    expect((await build()).mode).toBe('full');
    expect(reads).toBe(1);

    const again = await build();
    expect(again.mode).toBe('unchanged');
    expect(again.counts).toMatchObject({ files: 1, chunks: 1, added: 0 });
    expect(reads).toBe(1);

    await appendFile(path.join(dataDir, 'a.txt'), '\n\nСтроительство обошлось в 2 млрд тенге.');
    const changed = await build();
    expect(reads).toBe(2);
    expect(changed.mode).toBe('incremental');
  });

  it('skips a broken link, a FIFO and an oversized file with one warning each, and still starts fast', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhauap-stamps-'));
    const indexDir = path.join(dataDir, 'index');
    await writeFile(path.join(dataDir, 'a.txt'), 'Новая школа\n\nВ Шымкенте открыли новую школу на 600 мест.');
    await writeFile(path.join(dataDir, 'big.txt'), `Большой файл\n\n${'Текст новости. '.repeat(200)}`);
    await symlink(path.join(dataDir, 'gone.txt'), path.join(dataDir, 'broken.txt'));
    execFileSync('mkfifo', [path.join(dataDir, 'pipe.jsonl')]);
    let reads = 0;
    const sources = {
      loadCorpus: (dir: string, options?: { maxFileBytes?: number }) => {
        reads++;
        return loadCorpus(dir, options);
      },
      chunkArticles,
      stampCorpus,
    };
    const build = () =>
      buildIndex({ dataDir, indexDir, embedder: new BuiltinEmbedder(), logger: pino({ level: 'silent' }), sources, maxFileBytes: 1000 });

    const first = await build();
    expect(first.mode).toBe('full');
    expect(first.counts).toMatchObject({ files: 1, chunks: 1 });
    expect(first.warnings.map((w) => w.file).sort()).toEqual(['big.txt', 'broken.txt', 'pipe.jsonl']);
    expect(first.warnings.find((w) => w.file === 'big.txt')?.reason).toContain('MAX_FILE_MB');

    // The skipped entries are stamped too: the next start does not read the corpus.
    expect((await build()).mode).toBe('unchanged');
    expect(reads).toBe(1);

    // A touched file (same bytes, new mtime) is read once, then its new stamp is recorded.
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(dataDir, 'a.txt'), later, later);
    expect((await build()).mode).toBe('unchanged');
    expect(reads).toBe(2);
    expect((await build()).mode).toBe('unchanged');
    expect(reads).toBe(2);
  });
});
