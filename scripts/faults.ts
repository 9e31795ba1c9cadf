/**
 * `npm run faults`: the fault and hostile-input probes of issue 10, each in its own child process (so a
 * crash is seen as a crash, not as the end of this script), then one table:
 * probes tried, crashes, records lost, secrets found in logs. Expected: all zero but the first.
 *
 *   npm run faults                    every probe (~2 min on the 2-core box)
 *   npm run faults -- --only webhook  probes whose name contains "webhook"
 *
 * A child runs `scripts/faults.ts --probe NAME`, prints one JSON line {ok, lost, note} on stdout and logs
 * through the real logger at debug with the suite's secrets configured; everything it prints is then
 * searched for those secrets. Only 127.0.0.1 is used.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { checkAnswer } from '../src/answer/llm/citation-check.js';
import type { BotContext } from '../src/bot/context.js';
import { InFlight } from '../src/bot/in-flight.js';
import { SECRET_HEADER, startWebhook } from '../src/bot/webhook.js';
import { loadCorpus, stampCorpus } from '../src/corpus/load-corpus.js';
import { parseTextFile } from '../src/corpus/parse-text.js';
import { buildIndex, type BuildOptions } from '../src/index/build-index.js';
import { BuiltinEmbedder } from '../src/index/builtin-embedder.js';
import { chunkArticles } from '../src/index/chunker.js';
import type { Embedder } from '../src/index/embedder.js';
import { IndexError, loadIndex } from '../src/index/load-index.js';
import { createLogger, type Logger } from '../src/logger.js';
import { checkQuestion } from '../src/engine/question.js';
import { loadSeeds, writeCorpus } from '../bench/generate-corpus.js';
import { syntheticText, timeParse } from '../bench/parse.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED_DATA = path.join(ROOT, 'data');

/** The suite's secrets: configured in every child, searched for in everything the children print. */
const SECRETS = {
  token: '987654321:AAFaultSuiteToken_0123456789abcdefghij',
  llmKey: 'sk-fault-suite-llm-key-0123456789abcdef',
  webhook: 'fault-suite-webhook-secret-0123',
};
const SECRET_VALUES = Object.values(SECRETS);

interface ProbeResult {
  ok: boolean;
  /** Records (chunks, updates) that should have survived and did not. */
  lost: number;
  note: string;
}

type Probe = (log: Logger, tmp: string) => Promise<ProbeResult>;

const pass = (note: string, lost = 0): ProbeResult => ({ ok: lost === 0, lost, note });
const fail = (note: string, lost = 0): ProbeResult => ({ ok: false, lost, note });

// ---------------------------------------------------------------------------------------------
// Helpers

async function seedCopy(tmp: string): Promise<string> {
  const dir = path.join(tmp, 'data');
  await mkdir(dir, { recursive: true });
  for (const f of await readdir(SEED_DATA)) {
    if (/\.(txt|md|jsonl)$/.test(f)) await writeFile(path.join(dir, f), await readFile(path.join(SEED_DATA, f)));
  }
  return dir;
}

function buildOptions(dataDir: string, log: Logger, extra: Partial<BuildOptions> = {}): BuildOptions {
  return { dataDir, indexDir: path.join(dataDir, 'index'), embedder: new BuiltinEmbedder(), logger: log, ...extra };
}

/** Chunks in the live index, or -1 when it cannot be loaded. */
async function liveChunks(indexDir: string, embedder: Embedder = new BuiltinEmbedder()): Promise<number> {
  try {
    return (await loadIndex(indexDir, embedder)).chunks.size;
  } catch {
    return -1;
  }
}

async function flipBytes(file: string, at: number, length: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, at);
    for (let i = 0; i < length; i++) buffer[i] = buffer[i]! ^ 0xa5;
    await handle.write(buffer, 0, length, at);
  } finally {
    await handle.close();
  }
}

function runCli(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

const cliEnv = (dataDir: string): NodeJS.ProcessEnv => ({
  DATA_DIR: dataDir,
  EMBEDDINGS: 'builtin',
  LOG_LEVEL: 'debug',
  TELEGRAM_BOT_TOKEN: SECRETS.token,
  LLM_API_KEY: SECRETS.llmKey,
  WEBHOOK_SECRET: SECRETS.webhook,
});

/** A fake embedder of a large dimension: a 64 MiB+ vectors file from a few thousand chunks. */
class WideEmbedder implements Embedder {
  readonly id = 'fault-wide';
  constructor(readonly dimension = 4096) {}
  async embedQuery(text: string): Promise<Float32Array> {
    return this.vector(text);
  }
  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.vector(t));
  }
  private vector(text: string): Float32Array {
    const v = new Float32Array(this.dimension);
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 16777619);
      v[(h >>> 0) % this.dimension]! += 1;
    }
    v[0]! += 0.01;
    return v;
  }
}

// ---------------------------------------------------------------------------------------------
// Probes

const BOT_INFO = { id: 1, is_bot: true, first_name: 'Faults', username: 'faults_bot' } as UserFromGetMe;

const probes: Record<string, Probe> = {
  /** Issue item 1: hostile webhook bodies. */
  async 'webhook: null/number/array body, 5 MB, 20 MB stream, wrong secret'(log) {
    const bot = new Bot<BotContext>(SECRETS.token, { botInfo: BOT_INFO });
    let handled = 0;
    bot.on('message', () => void handled++);
    const running = await startWebhook(bot, {
      url: 'https://bot.example.org/hook', secret: SECRETS.webhook, port: 0, host: '127.0.0.1', logger: log, inflight: new InFlight(), register: false,
    });
    const url = `http://127.0.0.1:${running.port}/hook`;
    const post = (body: string, secret = SECRETS.webhook) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret }, body }).then((r) => r.status, (e: Error) => `error ${e.message}`);
    const expected: Array<[string, Promise<number | string>, number]> = [
      ['null', post('null'), 400],
      ['42', post('42'), 400],
      ['[]', post('[]'), 400],
      ['"text"', post('"text"'), 400],
      ['not json', post('{oops'), 400],
      ['5 MB', post(JSON.stringify({ update_id: 1, pad: 'x'.repeat(5 << 20) })), 413],
      ['wrong secret', post('{"update_id":2}', 'wrong-secret-value-000'), 401],
    ];
    const problems: string[] = [];
    for (const [what, status, want] of expected) if ((await status) !== want) problems.push(`${what} → ${await status}`);
    // 20 MB streamed without a length: cut off, the server stays up.
    await new Promise<void>((resolve) => {
      const req = http.request(url, { method: 'POST', headers: { [SECRET_HEADER]: SECRETS.webhook, 'transfer-encoding': 'chunked' } });
      req.on('error', () => resolve());
      req.on('response', (res) => (res.resume(), resolve()));
      const chunk = Buffer.alloc(1 << 20, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 20 && req.write(chunk)) sent++;
        if (sent < 20) req.once('drain', () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    const accepted = await post(JSON.stringify({ update_id: 3, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: 'Сколько?' } }));
    await running.stop();
    if (accepted !== 200) problems.push(`valid update → ${accepted}`);
    return problems.length === 0 ? pass('400/413/401 as expected, server alive', 1 - handled) : fail(problems.join('; '), 1 - handled);
  },

  /** Issue item 2: same-size corruption of a vectors file over 64 MiB. */
  async 'index: 64 MiB+ vectors file garbled in place (same size)'(log, tmp) {
    const dataDir = path.join(tmp, 'data');
    const written = await writeCorpus(dataDir, await loadSeeds(SEED_DATA), { chunks: 4500, seed: 3 });
    const options = buildOptions(dataDir, log, { embedder: new WideEmbedder(), hnsw: { m: 4, efConstruction: 16 } });
    const built = await buildIndex(options);
    const vectors = path.join(built.index.dir, 'vectors.hnsw');
    const { size } = await stat(vectors);
    if (size <= 64 << 20) return fail(`vectors file only ${size} bytes (corpus ${written.articles} articles)`);
    await flipBytes(vectors, Math.floor(size / 2), 64 << 10);
    const error = await loadIndex(options.indexDir, new WideEmbedder()).then(() => null, (e: unknown) => e);
    if (!(error instanceof IndexError)) return fail('garbled vectors file loaded without an error');
    const rebuilt = await buildIndex({ ...options, embedder: new WideEmbedder() });
    const after = await liveChunks(options.indexDir, new WideEmbedder());
    const index = await loadIndex(options.indexDir, new WideEmbedder());
    index.vectors.search(await index.embedder.embedQuery('водохранилище'), 5);
    return pass(`${(size / 2 ** 20).toFixed(0)} MiB file: "${error.reason.slice(-40)}", plain build → ${rebuilt.mode}`, built.counts.chunks - after);
  },

  /** Truncated, emptied and garbled small files of a generation: each rebuilds. */
  async 'index: every file truncated / emptied / garbled'(log, tmp) {
    const dataDir = await seedCopy(tmp);
    const options = buildOptions(dataDir, log);
    const first = await buildIndex(options);
    const expected = first.counts.chunks;
    let lost = 0;
    const notes: string[] = [];
    for (const file of (await readdir(first.index.dir)).filter((f) => f !== 'manifest.json')) {
      for (const damage of ['truncate', 'empty', 'garble'] as const) {
        const live = (await loadIndex(options.indexDir, new BuiltinEmbedder())).dir;
        const target = path.join(live, file);
        const bytes = await readFile(target);
        if (damage === 'truncate') await writeFile(target, bytes.subarray(0, bytes.length >> 1));
        if (damage === 'empty') await writeFile(target, '');
        if (damage === 'garble' && bytes.length > 0) await flipBytes(target, bytes.length >> 1, 1);
        const result = await buildIndex({ ...options, embedder: new BuiltinEmbedder() });
        const chunks = await liveChunks(options.indexDir);
        if (result.mode !== 'full') notes.push(`${damage} ${file}: ${result.mode}`);
        lost += Math.max(0, expected - chunks);
      }
    }
    return notes.length === 0 ? pass('each damage → one full rebuild', lost) : fail(notes.join('; '), lost);
  },

  /** CURRENT as a folder, as garbage, pointing nowhere. */
  async 'index: CURRENT is a folder / garbage / dangling'(log, tmp) {
    const dataDir = await seedCopy(tmp);
    const options = buildOptions(dataDir, log);
    const expected = (await buildIndex(options)).counts.chunks;
    const current = path.join(options.indexDir, 'CURRENT');
    let lost = 0;
    const notes: string[] = [];
    for (const [what, damage] of [
      ['folder', async () => (await rm(current), await mkdir(path.join(current, 'x'), { recursive: true }))],
      ['garbage', () => writeFile(current, randomBytes(64))],
      ['dangling', () => writeFile(current, 'gen-20200101T000000000Z-deadbeef\n')],
    ] as const) {
      await damage();
      const result = await buildIndex({ ...options, embedder: new BuiltinEmbedder() });
      if (result.mode !== 'full') notes.push(`${what}: ${result.mode}`);
      lost += Math.max(0, expected - (await liveChunks(options.indexDir)));
    }
    return notes.length === 0 ? pass('each → one full rebuild', lost) : fail(notes.join('; '), lost);
  },

  /** kill -9 mid-build: the live index stays as it was. */
  async 'index: kill -9 during an ingest'(log, tmp) {
    const dataDir = path.join(tmp, 'data');
    await writeCorpus(dataDir, await loadSeeds(SEED_DATA), { chunks: 3000, seed: 5 });
    const first = await buildIndex(buildOptions(dataDir, log));
    await writeCorpus(path.join(tmp, 'more'), await loadSeeds(SEED_DATA), { chunks: 3000, seed: 9 });
    for (const f of await readdir(path.join(tmp, 'more'))) await writeFile(path.join(dataDir, `more-${f}`), await readFile(path.join(tmp, 'more', f)));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts'], { cwd: ROOT, env: { ...process.env, ...cliEnv(dataDir) }, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const live = await liveChunks(path.join(dataDir, 'index'));
    const after = await buildIndex(buildOptions(dataDir, log));
    return pass(`live index after the kill: ${live} chunks; next build ${after.mode}`, Math.max(0, first.counts.chunks - live));
  },

  /** Two ingests at once: the index that wins is whole. */
  async 'index: two concurrent ingests'(log, tmp) {
    const dataDir = await seedCopy(tmp);
    const runs = await Promise.all([0, 1].map(() => runCli('src/cli/ingest.ts', [], cliEnv(dataDir))));
    const expected = (await loadCorpus(dataDir)).articles.length > 0 ? (await buildIndex(buildOptions(dataDir, log, { force: true }))).counts.chunks : 0;
    const codes = runs.map((r) => r.code);
    process.stderr.write(runs.map((r) => r.out).join(''));
    const chunks = await liveChunks(path.join(dataDir, 'index'));
    return codes.every((c) => c === 0) ? pass(`exit codes ${codes.join(', ')}`, Math.max(0, expected - chunks)) : fail(`exit codes ${codes.join(', ')}`);
  },

  /** Issue items 3 and 7: unreadable entries in data/. */
  async 'data dir: broken link, FIFO, socket, folder, no-permission, oversized file'(log, tmp) {
    const dataDir = await seedCopy(tmp);
    await symlink(path.join(dataDir, 'gone.txt'), path.join(dataDir, 'broken.txt'));
    execFileSync('mkfifo', [path.join(dataDir, 'pipe.txt')]);
    const server = net.createServer().listen(path.join(dataDir, 'sock.jsonl'));
    await mkdir(path.join(dataDir, 'folder.txt'));
    await writeFile(path.join(dataDir, 'locked.txt'), 'Закрытый файл.');
    await chmod(path.join(dataDir, 'locked.txt'), 0o000);
    await writeFile(path.join(dataDir, 'huge.txt'), `Большой файл\n\n${'Текст. '.repeat(300_000)}`);
    const options = buildOptions(dataDir, log, { maxFileBytes: 1 << 20 });
    let reads = 0;
    const sources = { loadCorpus: (d: string, o?: object) => (reads++, loadCorpus(d, o)), chunkArticles, stampCorpus };
    const first = await buildIndex({ ...options, sources });
    const second = await buildIndex({ ...options, embedder: new BuiltinEmbedder(), sources });
    server.close();
    const seedChunks = (await buildIndex(buildOptions(await seedCopy(path.join(tmp, 'clean')), log))).counts.chunks;
    const lost = Math.max(0, seedChunks - first.counts.chunks);
    const note = `warnings for ${first.warnings.map((w) => w.file).sort().join(', ')}; second start ${second.mode}, corpus reads ${reads}`;
    return second.mode === 'unchanged' && reads === 1 ? pass(note, lost) : fail(note, lost);
  },

  /** Issue item 4: a large single text file parses in linear time. */
  async 'parse: one 16 MB text file (4 MB → 16 MB time ratio)'() {
    const small = timeParse(await syntheticText(4 << 20), 1);
    const large = timeParse(await syntheticText(16 << 20), 1);
    const ratio = large.seconds / small.seconds;
    const note = `${large.megabytesPerSecond.toFixed(1)} MB/s, ×${ratio.toFixed(2)} time for ×4 size`;
    const hostile = `Ссылки ${'http://a.kz/'.repeat(200_000)}Конец`;
    const started = performance.now();
    parseTextFile('links.txt', hostile);
    const linkSeconds = (performance.now() - started) / 1000;
    return ratio < 6 && linkSeconds < 10 ? pass(`${note}; 2.4 MB of glued links in ${linkSeconds.toFixed(2)} s`) : fail(note);
  },

  /** Issue item 5: secrets anywhere in a log line. */
  async 'logs: secrets in messages, nested fields, errors, child bindings'(log) {
    log.info({ deep: { a: [{ b: `token ${SECRETS.token}` }] }, headers: { authorization: `Bearer ${SECRETS.llmKey}` } }, `msg ${SECRETS.webhook}`);
    log.error({ err: new Error(`https://api.telegram.org/bot${SECRETS.token}/getMe failed`) }, 'request failed');
    log.child({ bound: SECRETS.llmKey }).warn('child line');
    return pass('logged 3 lines holding all three secrets (the parent counts what got out)');
  },

  /** Issue item 6 and the LLM failures that already held: a local OpenAI-compatible stub. */
  async 'llm: 500, stall, garbage SSE, no-answer token, phishing, echoed key'(log) {
    const replies: Array<(res: http.ServerResponse) => void> = [];
    const sse = (res: http.ServerResponse, lines: string[]) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(lines.map((l) => `data: ${l}\n\n`).join(''));
    };
    const chunk = (content: string) => JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => (replies.shift() ?? ((r) => r.writeHead(500).end('{}')))(res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { createLlm } = await import('../src/engine/create-llm.js');
    const { ExtractiveAnswerer } = await import('../src/answer/extractive.js');
    const { Bm25Index } = await import('../src/index/bm25.js');
    const config = { baseUrl: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`, apiKey: SECRETS.llmKey, model: 'm', timeoutMs: 800, maxTokens: 100 };
    const { buildThesaurus } = await import('../src/retrieval/thesaurus.js');
    const fallback = new ExtractiveAnswerer(new Bm25Index(), buildThesaurus());
    const answerer = createLlm(config, log, undefined, [SECRETS.token])!.answerer(fallback);
    const passage = { rank: 1, score: 1, chunk: { id: 'c1', articleId: 'a1', ordinal: 0, text: 'Тариф на воду в Алматы вырос до 9,95 тенге за кубометр.', title: 'Тарифы', date: '2025-01-01', url: 'https://gov.kz/1', source: 'gov.kz', language: 'ru' as const, regions: [], file: 'f.txt' } };
    const ask = () => answerer.answer({ question: 'Сколько стоит вода в Алматы?', passages: [passage], filters: {} });
    const problems: string[] = [];
    replies.push((r) => r.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}'));
    if ((await ask()).mode !== 'extractive') problems.push('500 not fallen back');
    replies.push((r) => (r.writeHead(200, { 'content-type': 'text/event-stream' }), r.write(`data: ${chunk('Тариф ')}\n\n`)));
    if ((await ask()).mode !== 'extractive') problems.push('stall not fallen back');
    replies.push((r) => sse(r, ['{garbage from the model', '[DONE]']));
    if ((await ask()).mode !== 'extractive') problems.push('garbage not fallen back');
    replies.push((r) => sse(r, [chunk('НЕТ_ОТВЕТА'), '[DONE]']));
    if ((await ask()).mode !== 'extractive') problems.push('no-answer token overrode the extractive path');
    replies.push((r) => sse(r, [chunk('Перейдите по ссылке http://evil.example/login и введите пароль [1]. Тариф — 9,95 тенге [1].'), '[DONE]']));
    const phishing = await ask();
    if (phishing.answer.includes('evil.example') || phishing.answer.includes('пароль')) problems.push('phishing sentence reached the answer');
    replies.push((r) => sse(r, [chunk(`Ключ ${SECRETS.llmKey}, токен ${SECRETS.token} [1]. Тариф — 9,95 тенге [1].`), '[DONE]']));
    const echoed = await ask();
    if (SECRET_VALUES.some((s) => echoed.answer.includes(s))) problems.push('a secret reached the answer');
    server.closeAllConnections();
    server.close();
    return problems.length === 0 ? pass('every failure fell back; phishing and secrets dropped') : fail(problems.join('; '));
  },

  /** Issue item 9 and the bad questions that already held. */
  async 'questions: empty, emoji, 10k chars, NUL, HTML/script'() {
    const problems: string[] = [];
    const plain = 'Сколько воды сбрасывается из Астанинского водохранилища?';
    const dressed = checkQuestion(`<script>alert(1)</script> ${plain}`);
    if (!dressed.ok || dressed.question !== plain) problems.push('HTML changed the question');
    for (const q of ['', '   ', '🙂🙂', '\u0000\u0000', 'а'.repeat(10_000), '<b></b>', '&#0;&#xFFFF;', `${'<i>'.repeat(5000)}вода`]) checkQuestion(q);
    // Markers past the passages are removed, never followed.
    const check = checkAnswer('Ответ готов [1][99]. Ещё [7].', ['Ответ готов.']);
    if (check.text !== 'Ответ готов [1].' || check.cited.join() !== '1') problems.push(`odd markers mishandled: ${check.text}`);
    return problems.length === 0 ? pass('clean results, same question without the HTML') : fail(problems.join('; '));
  },

  /** Issue item 8 (the date parser belongs to issue 8's reorganisation): a real calendar date or exit 2. */
  async 'cli: ask --from 2025-02-30'(_log, tmp) {
    const dataDir = await seedCopy(tmp);
    const r = await runCli('src/cli/ask.ts', ['--from', '2025-02-30', 'Сколько воды?'], cliEnv(dataDir));
    process.stderr.write(r.out);
    return r.code === 2 && r.out.includes('2025-02-30') ? pass('exit 2 naming the value') : fail(`exit ${r.code}: ${r.out.trim().split('\n').at(-1)?.slice(0, 100)}`);
  },

  /** SIGTERM to the start command's process group: node drains and exits 0. */
  async 'start: SIGTERM to the process group'(_log, tmp) {
    const { startEmulator } = await import('../test/e2e/emulator.js');
    const emulator = await startEmulator();
    const dataDir = await seedCopy(tmp);
    const scripts = (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const [program, ...args] = scripts.start!.split(' ');
    const child = spawn(program === 'node' ? process.execPath : program!, args, {
      cwd: ROOT, detached: true,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...cliEnv(dataDir), TELEGRAM_API_ROOT: emulator.config.apiURL, LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      for (let i = 0; i < 300 && !out.includes('bot started'); i++) await new Promise((r) => setTimeout(r, 100));
      process.kill(-child.pid!, 'SIGTERM');
      const code = await exited;
      process.stderr.write(out);
      return code === 0 && out.includes('bot stopped') ? pass('exit 0 after "bot stopped"') : fail(`exit ${code}`);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      await emulator.stop();
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Runner

interface Row {
  name: string;
  crashed: boolean;
  ok: boolean;
  lost: number;
  secrets: number;
  seconds: number;
  note: string;
}

async function runChild(name: string): Promise<Row> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--probe', name], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  const everything = stdout + stderr;
  const secrets = SECRET_VALUES.reduce((n, s) => n + everything.split(s).length - 1, 0);
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{"result"'));
  const result = line ? (JSON.parse(line) as { result: ProbeResult }).result : undefined;
  const crashed = code !== 0 || signal !== null || result === undefined;
  return {
    name,
    crashed,
    ok: !crashed && result!.ok,
    lost: result?.lost ?? 0,
    secrets,
    seconds: (performance.now() - started) / 1000,
    note: result?.note ?? `exit ${code ?? signal}: ${stderr.trim().split('\n').at(-1)?.slice(0, 120) ?? ''}`,
  };
}

async function runProbe(name: string): Promise<void> {
  const probe = probes[name];
  if (!probe) throw new Error(`faults: no probe "${name}"`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zhauap-faults-'));
  const log = createLogger('debug', SECRET_VALUES);
  try {
    const result = await probe(log, tmp);
    process.stdout.write(`${JSON.stringify({ result })}\n`);
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
  // Servers and sockets a probe left open must not keep the child alive.
  process.exit(0);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { probe: { type: 'string' }, only: { type: 'string' } } });
  if (values.probe) return runProbe(values.probe);
  const names = Object.keys(probes).filter((n) => !values.only || n.includes(values.only));
  const rows: Row[] = [];
  for (const name of names) {
    process.stderr.write(`faults: ${name} …\n`);
    const row = await runChild(name);
    process.stderr.write(`faults: ${row.ok ? 'held' : 'FAILED'} in ${row.seconds.toFixed(1)} s: ${row.note}\n`);
    rows.push(row);
  }
  const lines = ['| probe | held | crash | records lost | secrets in logs | s | note |', '| --- | :---: | ---: | ---: | ---: | ---: | --- |'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.ok ? 'yes' : '**no**'} | ${r.crashed ? 1 : 0} | ${r.lost} | ${r.secrets} | ${r.seconds.toFixed(1)} | ${r.note.replaceAll('|', '/')} |`);
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  const totals = { probes: rows.length, crashes: sum((r) => (r.crashed ? 1 : 0)), recordsLost: sum((r) => r.lost), secretsInLogs: sum((r) => r.secrets), failed: sum((r) => (r.ok ? 0 : 1)) };
  lines.push('', '| probes tried | crashes | records lost | secrets found in logs | probes failed |', '| ---: | ---: | ---: | ---: | ---: |');
  lines.push(`| ${totals.probes} | ${totals.crashes} | ${totals.recordsLost} | ${totals.secretsInLogs} | ${totals.failed} |`);
  console.log(lines.join('\n'));
  process.exitCode = totals.crashes + totals.recordsLost + totals.secretsInLogs + totals.failed === 0 ? 0 : 1;
}

await main();
