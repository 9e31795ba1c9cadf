/**
 * One bot replica for the replicas benchmark (bench/replicas.ts starts several): the real startReplica
 * in webhook mode with Redis, configured from the environment like `npm start`, with the fake engine
 * (BENCH_ENGINE=fake, default) or the configured one (BENCH_ENGINE=real). Prints "ready <port>".
 */
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { startReplica } from '../src/bot/replica.js';
import { createEngine } from '../src/engine/create-engine.js';
import type { Engine } from '../src/engine/engine.js';
import { connectRedis } from '../src/state/redis.js';
import { FakeEngine } from '../test/bot/fake-engine.js';

const config = loadConfig();
const logger = pino({ level: 'error' }, pino.destination(2));
const engine: Engine = process.env.BENCH_ENGINE === 'real' ? await createEngine(config, logger) : new FakeEngine();
const redis = await connectRedis(config.redis!.url, logger);
const replica = await startReplica({ config, token: process.env.TELEGRAM_BOT_TOKEN!, logger, engine, redis, host: '127.0.0.1' });
process.stdout.write(`ready ${replica.port}\n`);
process.once('SIGTERM', () => {
  void replica.stop().then(() => redis.close()).then(() => process.exit(0));
});
