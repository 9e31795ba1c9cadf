/**
 * Bot load benchmark (not a test): simulated users ask questions at the same time through the Bot API
 * emulator (telegram-test-api on 127.0.0.1) and the real bot running with long polling.
 *
 *   npm run bench:bot                         # fake engine, 50 users × 5 questions
 *   npm run bench:bot -- --engine real        # the engine from src/engine-factory.ts (config from env)
 *   npm run bench:bot -- --users 10 --questions 3 --delay-ms 50
 *   npm run bench:bot -- --replicas 1,2,4 --replica-users 200   # the replicas row (default); none skips it
 *
 * The replicas row (bench/replicas.ts) runs the same load on 1, 2 and 4 webhook replicas sharing one
 * real Redis (redis-server on 127.0.0.1), each replica its own process.
 *
 * Reports whether every question got a reply, p50/p95 update→reply latency and replies per second,
 * as a table and as one JSON line on stdout.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { messages } from '../src/texts/ru.js';
import { loadConfig } from '../src/config.js';
import type { Engine } from '../src/engine/engine.js';
import { createEngine } from '../src/engine/create-engine.js';
import { FakeEngine } from '../test/bot/fake-engine.js';
import { SimulatedUser, startBotOn, startEmulator } from '../test/e2e/emulator.js';
import { benchReplicas, type ReplicasRow } from './replicas.js';

const QUESTIONS = [
  'Сколько жителей в Алматинской области?',
  'Каких специалистов не хватает в школах Алматы?',
  'Какие водохранилища обследует Министерство водных ресурсов?',
  'Сколько врачей в Шымкенте?',
  'Кто аким Алматы?',
];
const REPLY_TIMEOUT_MS = 60_000;

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'fake' },
    users: { type: 'string', default: '50' },
    questions: { type: 'string', default: '5' },
    'delay-ms': { type: 'string', default: '0' },
    replicas: { type: 'string', default: '1,2,4' },
    'replica-users': { type: 'string', default: '200' },
    'replica-questions': { type: 'string', default: '2' },
  },
});
const users = Number(args.users);
const perUser = Number(args.questions);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function makeEngine(): Promise<Engine> {
  if (args.engine === 'fake') return new FakeEngine({ delayMs: Number(args['delay-ms']) });
  if (args.engine === 'real') {
    const config = loadConfig();
    return createEngine(config, pino({ level: 'info' }, pino.destination(2)));
  }
  throw new Error(`bench: unknown --engine "${args.engine}" (fake or real)`);
}

async function main(): Promise<void> {
  const engine = await makeEngine();
  const emulator = await startEmulator();
  const bot = await startBotOn(emulator, engine, {
    env: { RATE_LIMIT_PER_MINUTE: String(perUser * 10) },
    logger: pino({ level: 'error' }, pino.destination(2)),
  });

  // Replies are noticed the moment the emulator stores them, not by polling.
  const waiting = new Map<string, () => void>();
  emulator.on('AddedBotMessage', () => {
    const last = emulator.storage.botMessages.at(-1);
    const chat = String(last?.message.chat_id);
    waiting.get(chat)?.();
    waiting.delete(chat);
  });
  const nextReply = (chatId: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: chat ${chatId} got no reply in ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
      waiting.set(String(chatId), () => {
        clearTimeout(timer);
        resolve();
      });
    });

  const latencies: number[] = [];
  let failures = 0;
  let refusals = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: users }, async (_, i) => {
      const user = new SimulatedUser(emulator, bot.token, { userId: 10_000 + i });
      for (let q = 0; q < perUser; q++) {
        const question = QUESTIONS[(i + q) % QUESTIONS.length]!;
        const reply = nextReply(user.chatId);
        const sentAt = performance.now();
        await user.say(question);
        try {
          await reply;
          latencies.push(performance.now() - sentAt);
          // Answers list their sources; a refusal offers suggestions instead.
          if (!user.replies().at(-1)?.message.text.includes(messages.sourcesHeading)) refusals++;
        } catch (err) {
          failures++;
          process.stderr.write(`${(err as Error).message}\n`);
        }
      }
    }),
  );
  const wallMs = Date.now() - started;
  await bot.running.stop();
  await emulator.stop();

  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    engine: args.engine,
    users,
    questionsPerUser: perUser,
    questions: users * perUser,
    replied: latencies.length,
    unanswered: failures,
    refusals,
    allAnswered: failures === 0 && latencies.length === users * perUser,
    p50Ms: Math.round(percentile(sorted, 50)),
    p95Ms: Math.round(percentile(sorted, 95)),
    maxMs: Math.round(sorted.at(-1) ?? NaN),
    wallMs,
    repliesPerSecond: Number(((latencies.length * 1000) / wallMs).toFixed(1)),
  };
  console.table(
    Object.entries(result).map(([metric, value]) => ({ metric, value })),
  );

  let replicas: ReplicasRow[] = [];
  if (args.replicas !== 'none') {
    replicas = await benchReplicas({
      counts: args.replicas.split(',').map(Number),
      users: Number(args['replica-users']),
      perUser: Number(args['replica-questions']),
      questions: QUESTIONS,
      engine: args.engine,
    });
    console.log(`\nReplicas sharing one Redis (webhook, ${os.cpus().length} cores):`);
    console.table(replicas);
  }
  console.log(JSON.stringify({ ...result, replicas }));
  if (!result.allAnswered || replicas.some((r) => r.replied !== r.questions)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
