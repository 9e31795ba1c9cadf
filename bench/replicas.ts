/**
 * Replicas benchmark: the same load (simulated users asking at once) on 1, 2 and 4 bot replicas that
 * share one Redis, in webhook mode behind a round-robin "load balancer" (this process), so a user's
 * consecutive questions land on different replicas as they would behind a real one. Each replica is
 * its own process (bench/replica-worker.ts); replies are counted when they reach the Bot API server
 * (test/helpers/fake-bot-api.ts) on 127.0.0.1. Measures replies per second and update→reply latency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SECRET_HEADER } from '../src/bot/webhook.js';
import { textUpdate } from '../test/bot/harness.js';
import { FakeBotApi } from '../test/helpers/fake-bot-api.js';
import { freePort } from '../test/helpers/free-port.js';
import { TestRedis } from '../test/helpers/redis-server.js';

export interface ReplicasRow {
  replicas: number;
  users: number;
  questions: number;
  replied: number;
  repliesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Deliveries retried after a connection error (0 when the replicas kept up). */
  retried: number;
}

const TOKEN = '123456:BENCH-replicas-token-000000000000';
const SECRET = 'bench-secret';
const REPLY_TIMEOUT_MS = 120_000;

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'replica-worker.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /ready (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench: replica exited (${code}) before it was ready`)));
  });
  return { child, port };
}

export async function benchReplicas(options: { counts: number[]; users: number; perUser: number; questions: readonly string[]; engine: string }): Promise<ReplicasRow[]> {
  const redis = await TestRedis.start();
  const api = await FakeBotApi.start();
  const rows: ReplicasRow[] = [];
  try {
    for (const [run, count] of options.counts.entries()) {
      const stateDir = mkdtempSync(path.join(tmpdir(), 'zhauap-bench-replicas-'));
      const workers = [];
      for (let i = 0; i < count; i++) {
        workers.push(
          await startWorker({
            ...process.env,
            TELEGRAM_BOT_TOKEN: TOKEN,
            TELEGRAM_API_ROOT: api.url,
            BOT_MODE: 'webhook',
            WEBHOOK_URL: 'https://bot.example.org/hook',
            WEBHOOK_SECRET: SECRET,
            PORT: String(await freePort()),
            // A database of its own per run: no sessions or counters carried over from the previous one.
            REDIS_URL: `${redis.url}/${run + 1}`,
            STATE_DIR: stateDir,
            RATE_LIMIT_PER_MINUTE: '10000',
            LOG_LEVEL: 'error',
            BENCH_ENGINE: options.engine,
          }),
        );
      }
      try {
        rows.push(await drive(api, workers.map((w) => w.port), count, options));
      } finally {
        await Promise.all(
          workers.map(({ child }) => new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          })),
        );
      }
    }
  } finally {
    await api.stop();
    await redis.stop();
  }
  return rows;
}

/**
 * Posts an update as Telegram would, over a pool of keep-alive connections per replica (as a load
 * balancer keeps); a failed delivery is retried, as Telegram retries webhooks.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function post(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/hook', method: 'POST', agent, headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function deliver(port: number, update: unknown): Promise<void> {
  const body = JSON.stringify(update);
  for (let attempt = 1; ; attempt++) {
    try {
      const status = await post(port, body);
      if (status === 200) return;
      throw new Error(`HTTP ${status}`);
    } catch (err) {
      if (attempt >= 5) throw new Error(`bench: update not delivered to :${port}: ${(err as Error).message}`, { cause: err });
      retries++;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

let retries = 0;

async function drive(api: FakeBotApi, ports: number[], count: number, options: { users: number; perUser: number; questions: readonly string[] }): Promise<ReplicasRow> {
  // Replies are noticed as the Bot API server records them, counted per chat: a user's n-th question
  // is answered when the chat has received n messages (a retried delivery cannot shift the count
  // onto the wrong question for long, and retries are reported).
  const received = new Map<number, number>();
  const waiting = new Map<number, { count: number; done: () => void }>();
  const unsubscribe = api.onCall((call) => {
    if (call.method !== 'sendMessage') return;
    const chat = Number(call.payload.chat_id);
    const count = (received.get(chat) ?? 0) + 1;
    received.set(chat, count);
    const waiter = waiting.get(chat);
    if (waiter && count >= waiter.count) {
      waiting.delete(chat);
      waiter.done();
    }
  });

  const retriesBefore = retries;
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.users }, async (_, u) => {
      const userId = 200_000 + u;
      for (let q = 0; q < options.perUser; q++) {
        const port = ports[next++ % ports.length]!;
        const reply = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`bench: user ${userId} got no reply in ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
          waiting.set(userId, {
            count: q + 1,
            done: () => {
              clearTimeout(timer);
              resolve();
            },
          });
        });
        const sentAt = performance.now();
        await deliver(port, textUpdate(options.questions[(u + q) % options.questions.length]!, { userId }));
        await reply;
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  const wallMs = performance.now() - started;
  unsubscribe();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    replicas: count,
    users: options.users,
    questions: options.users * options.perUser,
    replied: latencies.length,
    repliesPerSecond: Number(((latencies.length * 1000) / wallMs).toFixed(1)),
    p50Ms: Math.round(percentile(sorted, 50)),
    p95Ms: Math.round(percentile(sorted, 95)),
    retried: retries - retriesBefore,
  };
}
