/** `npm start`: the Telegram bot, long polling by default or a webhook server (BOT_MODE=webhook). */
import { ConfigError, configuredSecrets, loadConfig, loadDotEnv, TOKEN_PATTERN, type Config } from './config.js';
import { createEngine } from './engine/create-engine.js';
import { createLogger } from './logger.js';
import { installProcessGuards, installShutdown } from './bot/lifecycle.js';
import { startReplica } from './bot/replica.js';
import { connectRedis } from './state/redis.js';
import { broadcastApi } from './bot/push.js';
import { liveNewsTask, openNewsState } from './bot/news.js';
import { loadSources, SourcesFileError } from './sources/sources-file.js';

/** One clear line on stderr and exit code 1: for problems the operator must fix before starting. */
function die(message: string): never {
  process.stderr.write(`zhauap: ${message}\n`);
  process.exit(1);
}

function readConfig(): Config & { telegram: { token: string } } {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) die(err.message);
    throw err;
  }
  const token = config.telegram.token;
  if (!token) die('TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token in the environment');
  // The value itself is never printed: a malformed token may still be most of a real one.
  if (!TOKEN_PATTERN.test(token)) {
    die('TELEGRAM_BOT_TOKEN is malformed: expected "<bot id>:<secret>" exactly as issued by @BotFather');
  }
  return { ...config, telegram: { ...config.telegram, token } };
}

async function main(): Promise<void> {
  const config = readConfig();
  // An invalid sources file is the operator's to fix: one line before anything is loaded.
  try {
    if (config.sources.file) loadSources(config.sources.file);
  } catch (err) {
    if (err instanceof SourcesFileError) die(err.message);
    throw err;
  }
  const logger = createLogger(config.logLevel, [
    ...configuredSecrets(config),
    config.redis ? decodeURIComponent(new URL(config.redis.url).password) : undefined,
  ]);
  installProcessGuards(logger);
  try {
    const redis = config.redis ? await connectRedis(config.redis.url, logger) : undefined;
    const engine = await createEngine(config, logger);
    // Subscriptions, poll state and push ledger: files, or Redis shared by the replicas.
    const news = await openNewsState(config, redis);
    // Polling the sources and pushing news is background work: with replicas, only the leader does it.
    const liveNews = liveNewsTask({ config, logger, engine, news, api: broadcastApi(config.telegram.token, config.telegram.apiRoot) });
    const replica = await startReplica({
      config,
      token: config.telegram.token,
      logger,
      engine,
      subscriptions: news.subscriptions,
      background: [liveNews],
      ...(redis ? { redis } : {}),
    });
    installShutdown(async () => {
      await replica.stop();
      await redis?.close();
    }, logger);
    replica.done.catch((err: unknown) => {
      logger.fatal({ err }, 'bot stopped unexpectedly');
      process.exit(1);
    });
  } catch (err) {
    logger.fatal({ err }, 'bot could not start');
    process.exit(1);
  }
}

void main();
