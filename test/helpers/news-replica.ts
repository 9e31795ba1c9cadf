/**
 * One replica of the bot with live news, as src/main.ts wires it (bot/news.ts) but with the test
 * engine: a process tests can SIGKILL mid-push. Configured by its environment (like npm start);
 * logs JSON on stderr. Usage: node --import tsx test/helpers/news-replica.ts (tests run it from their bundle,
 * test/helpers/entry-points.ts)
 */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { liveNewsTask, openNewsState } from '../../src/bot/news.js';
import { broadcastApi } from '../../src/bot/push.js';
import { startReplica } from '../../src/bot/replica.js';
import { connectRedis } from '../../src/state/redis.js';
import { FakeEngine } from '../bot/fake-engine.js';

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel, [config.telegram.token]);
const token = config.telegram.token ?? '';
const redis = config.redis ? await connectRedis(config.redis.url, logger) : undefined;
const news = await openNewsState(config, redis);
await startReplica({
  config,
  token,
  logger,
  engine: new FakeEngine(),
  subscriptions: news.subscriptions,
  background: [liveNewsTask({ config, logger, engine: null, news, api: broadcastApi(token, config.telegram.apiRoot) })],
  host: '127.0.0.1',
  ...(redis ? { redis } : {}),
});
