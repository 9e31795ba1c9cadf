import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAsk } from '../../src/cli/ask-command.js';
import { loadConfig } from '../../src/config.js';
import { createEngine } from '../../src/engine/create-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { createLogger } from '../../src/logger.js';
import { seedDataDir } from '../helpers/seed-engine.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

let dataDir: string;
let env: NodeJS.ProcessEnv;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI in a child process: for what only a process shows (the entry point, exit codes). */
async function cli(script: 'ask' | 'ingest', args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(TSX, [path.join(ROOT, `src/cli/${script}.ts`), ...args], { env, cwd: dataDir, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * `ask` in-process against one engine over one index, built once for the whole file: a process per
 * case spent most of its time starting tsx and loading the index.
 */
let engine: Promise<Engine> | undefined;
async function ask(args: string[]): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  engine ??= createEngine(loadConfig(env, dataDir), createLogger('silent'));
  const code = await runAsk(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), engine: () => engine as Promise<Engine> });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

beforeAll(async () => {
  dataDir = await seedDataDir();
  // User additions with every kind of damage: the good records must still be indexed.
  await writeFile(path.join(dataDir, 'user.jsonl'), [
    JSON.stringify({ title: 'Новый бассейн в Таразе', date: '2025-05-02', url: 'https://example.kz/pool', text: 'В Таразе открыли бассейн олимпийского размера на 500 зрителей.', source: 'Жамбыл медиа' }),
    '{"title": "broken", "text": ',
    JSON.stringify({ title: 'Без текста' }),
  ].join('\n'));
  await writeFile(path.join(dataDir, 'empty.txt'), '');
  await writeFile(path.join(dataDir, 'latin1.txt'), Buffer.from([0xc0, 0xe4, 0xe5, 0x20, 0xff, 0xfe]));
  await writeFile(path.join(dataDir, 'binary.md'), Buffer.from([0x00, 0x01, 0x02, 0x50, 0x4b]));
  // No polling (the shipped sources are real sites); any connection beyond 127.0.0.1 ends the process.
  env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, EMBEDDINGS: 'builtin', LOG_LEVEL: 'warn', SOURCES_FILE: 'none', LOOPBACK_ONLY_EXIT: '1', NODE_OPTIONS: `--import ${path.join(ROOT, 'test/helpers/loopback-only.mjs')}` };
}, 60_000);

describe('npm run ingest', () => {
  it('indexes the good records, names each bad file and line, and prints a summary', async () => {
    const r = await cli('ingest', []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/files: 6, articles: 25, chunks: \d+/);
    expect(r.stdout).toContain('embedder: builtin-hash-v1');
    expect(r.stderr).toContain('user.jsonl:2');
    expect(r.stderr).toContain('user.jsonl:3');
    expect(r.stderr).toContain('empty.txt');
    expect(r.stderr).toContain('latin1.txt');
    expect(r.stderr).toContain('binary.md');
  });
});

describe('npm run ask', () => {
  it('--json prints exactly one JSON line with the contract fields', async () => {
    const r = await ask(['--json', 'Сколько зрителей вмещает бассейн в Таразе?']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['question', 'answered', 'answer', 'citations', 'passages', 'mode']));
    expect(out.answered).toBe(true);
    expect(out.mode).toBe('extractive');
    expect(out.answer).toContain('500 зрителей');
    expect(out.citations[0]).toEqual({
      n: 1,
      title: 'Новый бассейн в Таразе',
      date: '2025-05-02',
      url: 'https://example.kz/pool',
      source: 'Жамбыл медиа',
      quote: expect.stringContaining('500 зрителей'),
    });
    expect(out.passages.length).toBeGreaterThan(0);
    expect(out.passages.length).toBeLessThanOrEqual(10);
    expect(Object.keys(out.passages[0]).sort()).toEqual(['date', 'rank', 'score', 'text', 'title', 'url']);
    expect(out.passages.map((p: { rank: number }) => p.rank)).toEqual(out.passages.map((_: unknown, i: number) => i + 1));
  });

  it('prints a readable answer with numbered sources', async () => {
    const r = await ask(['Сколько сельских округов в Алматинской области?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('131');
    expect(r.stdout).toMatch(/Источники:\n\[1\] /);
  });

  it('--batch answers one JSON line per question, unusable lines included', async () => {
    const file = path.join(dataDir, 'questions.list');
    await writeFile(file, 'Сколько сельских округов в Алматинской области?\n?!?\nКакой курс биткоина в Шымкенте?\nспасибо\n');
    const r = await ask(['--json', '--batch', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].answered).toBe(true);
    expect(lines[0].answer).toContain('131');
    expect(lines[0]).toMatchObject({ standalone: lines[0].question, corrections: [], relaxedRegions: [] });
    expect(lines[3]).toMatchObject({ smalltalk: true, kind: 'thanks' });
    expect(lines[1]).toMatchObject({ answered: false, error: expect.stringContaining('нет слов') });
    expect(lines[2].answered).toBe(false);
  });

  it.each([
    ['', 'пустой'],
    ['   \t ', 'пустой'],
    ['?!?', 'нет слов'],
    ['<b></b>', 'нет слов'],
  ])('rejects %j with a one-line reason and a non-zero exit', async (question, reason) => {
    const r = await ask([question]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(reason);
    expect(r.stdout).toBe('');
  });

  it('rejects a malformed date or an unknown region before loading anything', async () => {
    const date = await ask(['--from', '2025-04', 'Что построили?']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--from 2025-04: not a calendar date');
    const impossible = await cli('ask', ['--from', '2025-02-31', 'Что построили?']);
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toContain('--from 2025-02-31: not a calendar date');
    const region = await ask(['--region', 'mars', 'Что построили?']);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('unknown region mars');
  });

  it('answers the question inside a 10,000-character message and names it on stderr', async () => {
    const r = await ask(['--json', `Сколько сельских округов в Алматинской области? ${'и '.repeat(5000)}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('ответил на вопрос из него: «Сколько сельских округов в Алматинской области?»');
    const out = JSON.parse(r.stdout);
    expect(out.question).toBe('Сколько сельских округов в Алматинской области?');
    expect(out.answer).toContain('131');
  });

  it('replies to small talk without loading the index, in text and as JSON', async () => {
    let loads = 0;
    const io = (out: string[]) => ({
      stdout: (t: string) => out.push(t),
      stderr: () => undefined,
      engine: () => {
        loads++;
        return Promise.reject(new Error('small talk must not load the engine'));
      },
    });
    const text: string[] = [];
    expect(await runAsk(['привет'], io(text))).toBe(0);
    expect(text.join('')).toMatch(/^Здравствуйте! .*\n\nСпросите, например: «Что строят в Акмолинской области\?»\n/s);
    const json: string[] = [];
    expect(await runAsk(['--json', 'Рахмет!'], io(json))).toBe(0);
    expect(JSON.parse(json.join(''))).toEqual({
      question: 'Рахмет!',
      smalltalk: true,
      kind: 'thanks',
      answer: expect.stringMatching(/^Оқасы жоқ!/),
    });
    expect(loads).toBe(0);
  });
});
