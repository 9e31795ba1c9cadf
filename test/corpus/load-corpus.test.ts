import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zhauap-corpus-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (name: string, content: string | Uint8Array) => writeFile(path.join(dir, name), content);

describe('loadCorpus', () => {
  it('reads .txt, .md and .jsonl at the top level in file-name order, with per-file hashes', async () => {
    await write('b.jsonl', `${JSON.stringify({ text: 'В Актобе построят школу.' })}\n`);
    await write('a.txt', 'Новости Павлодара\n\nВ Павлодаре открыли мост.');
    await write('c.md', '# Заголовок\n\nВ Таразе прошёл фестиваль.');
    await write('notes.csv', 'text\nВ Караганде что-то');
    await mkdir(path.join(dir, 'index'));
    await writeFile(path.join(dir, 'index', 'chunks.txt'), 'Не корпус: внутренний файл индекса.');

    const corpus = await loadCorpus(dir);
    expect(corpus.warnings).toEqual([]);
    expect(corpus.articles.map((a) => [a.file, a.regions])).toEqual([
      ['a.txt', ['pavlodar']],
      ['b.jsonl', ['aktobe']],
      ['c.md', ['zhambyl']],
    ]);
    expect(corpus.files.map((f) => [f.file, f.articles])).toEqual([
      ['a.txt', 1],
      ['b.jsonl', 1],
      ['c.md', 1],
    ]);
    for (const f of corpus.files) expect(f.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes a file hash only when the file changes', async () => {
    await write('a.txt', 'В Павлодаре открыли мост.');
    await write('b.txt', 'В Атырау открыли школу.');
    const before = await loadCorpus(dir);
    await write('b.txt', 'В Атырау открыли две школы.');
    const after = await loadCorpus(dir);
    expect(after.files[0]?.hash).toBe(before.files[0]?.hash);
    expect(after.files[1]?.hash).not.toBe(before.files[1]?.hash);
  });

  it('skips binary, non-UTF-8 and empty files with a warning and keeps the others', async () => {
    await write('binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
    await write('cp1251.txt', new Uint8Array([0xc2, 0x20, 0xc0, 0xeb, 0xec, 0xe0, 0xf2, 0xfb])); // "В Алматы" in Windows-1251
    await write('empty.txt', '');
    await write('blank.md', '  \n\n ');
    await write('good.txt', 'В Шымкенте открыли парк.');

    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => a.file)).toEqual(['good.txt']);
    expect(corpus.files.map((f) => f.file)).toEqual(['good.txt']);
    const reasons = Object.fromEntries(corpus.warnings.map((w) => [w.file, w.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['binary.txt', 'blank.md', 'cp1251.txt', 'empty.txt']);
    expect(reasons['binary.txt']).toMatch(/двоичный/);
    expect(reasons['cp1251.txt']).toMatch(/UTF-8/);
    expect(reasons['empty.txt']).toMatch(/пуст/);
    expect(reasons['blank.md']).toMatch(/пуст/);
  });

  it('keeps an article found in two files once, from the first file, and says so', async () => {
    const text = 'В Кызылорде отремонтировали дороги.';
    await write('1.txt', text);
    await write('2.jsonl', `${JSON.stringify({ text, title: 'Дороги' })}\n${JSON.stringify({ text: 'В Актау новый порт.' })}\n`);
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => [a.file, a.text])).toEqual([
      ['1.txt', text],
      ['2.jsonl', 'В Актау новый порт.'],
    ]);
    expect(corpus.files.map((f) => f.articles)).toEqual([1, 1]);
    expect(corpus.warnings).toHaveLength(1);
    expect(corpus.warnings[0]).toMatchObject({ file: '2.jsonl' });
    expect(corpus.warnings[0]?.reason).toContain('1.txt');
  });

  it('names the data directory when it cannot be read', async () => {
    const missing = path.join(dir, 'nope');
    await expect(loadCorpus(missing)).rejects.toThrow(`corpus: cannot read data directory ${missing}`);
  });

  it('loads the seed corpus: 24 articles from 5 files, no warnings', async () => {
    const corpus = await loadCorpus(fileURLToPath(new URL('../../data/', import.meta.url)));
    expect(corpus.warnings).toEqual([]);
    expect(corpus.files.map((f) => f.articles)).toEqual([1, 20, 1, 1, 1]);
    expect(corpus.articles).toHaveLength(24);
  });
});
