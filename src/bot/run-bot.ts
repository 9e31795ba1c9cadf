/**
 * The running bot, once the configuration is known to be good: the engine, shared state (files, or
 * Redis with replicas), live news in the background, and Telegram (long polling or a webhook).
 */
import { configuredSecrets, type Config } from '../config.js';
import { createEngine } from '../engine/create-engine.js';
import { createLogger } from '../logger.js';
import { connectRedis } from '../state/redis.js';
import { installProcessGuards, installShutdown } from './lifecycle.js';
import { liveNewsTask, openNewsState } from './news.js';
import { broadcastApi } from './push.js';
import { startReplica } from './replica.js';

export async function runBot(config: Config & { telegram: { token: string } }): Promise<void> {
  const logger = createLogger(config.logLevel, [
    ...configuredSecrets(config),
    config.redis ? decodeURIComponent(new URL(config.redis.url).password) : undefined,
  ]);
  installProcessGuards(logger);
  try {
    const redis = config.redis ? await connectRedis(config.redis.url, logger) : undefined;
    // Warmed before it serves: the first users after a start get a warm index.
    const engine = await createEngine(config, logger, { warmUp: true });
    // Subscriptions, poll state and push ledger: files, or Redis shared by the replicas.
    const news = await openNewsState(config, redis);
    // Polling the sources and pushing news is background work: with replicas, only the leader does it.
    const liveNews = liveNewsTask({ config, logger, engine, news, api: broadcastApi(config.telegram.token, config.telegram.apiRoot) });
    const starting = startReplica({
      config,
      token: config.telegram.token,
      logger,
      engine,
      subscriptions: news.subscriptions,
      background: [liveNews],
      ...(redis ? { redis } : {}),
    });
    // Installed before the replica has finished starting: it takes questions while the leader's
    // background work is still starting, and a SIGTERM then must drain them, not kill the process.
    installShutdown(async () => {
      await (await starting).stop();
      engine.close();
      await redis?.close();
    }, logger);
    const replica = await starting;
    replica.done.catch((err: unknown) => {
      logger.fatal({ err }, 'bot stopped unexpectedly');
      process.exit(1);
    });
  } catch (err) {
    logger.fatal({ err }, 'bot could not start');
    process.exit(1);
  }
}
