/** `npm start`: the Telegram bot, long polling by default or a webhook server (BOT_MODE=webhook). */
import { ConfigError, loadConfig, loadDotEnv, TOKEN_PATTERN, type Config } from './config.js';
import { createEngine } from './engine/create-engine.js';
import { createLogger } from './logger.js';
import { createBot } from './bot/create-bot.js';
import { FeedbackStore } from './bot/feedback-store.js';
import { InFlight } from './bot/in-flight.js';
import { installShutdown, startPolling, type RunningBot } from './bot/lifecycle.js';
import { startWebhook } from './bot/webhook.js';
import { broadcastApi, createPusher } from './bot/push.js';
import { SubscriptionStore } from './bot/subscription-store.js';
import { startLiveNews } from './engine/live-news.js';
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
    config.telegram.token,
    config.telegram.webhookSecret,
    config.llm?.apiKey,
  ]);
  try {
    const engine = await createEngine(config, logger);
    const feedback = await FeedbackStore.open(config.stateDir);
    const inflight = new InFlight();
    const subscriptions = await SubscriptionStore.open(config.stateDir);
    const bot = createBot(config.telegram.token, { config, logger, engine, feedback, inflight, subscriptions });
    const pusher = createPusher({ api: broadcastApi(config.telegram.token, config.telegram.apiRoot), store: subscriptions, logger });
    let news;
    try {
      news = await startLiveNews(config, logger, engine, { onFresh: (articles) => pusher.notify(articles) });
    } catch (err) {
      if (err instanceof SourcesFileError) die(err.message);
      throw err;
    }

    let running: RunningBot;
    if (config.telegram.mode === 'webhook') {
      running = await startWebhook(bot, {
        url: config.telegram.webhookUrl,
        secret: config.telegram.webhookSecret,
        port: config.telegram.port,
        logger,
        inflight,
      });
    } else {
      running = await startPolling(bot, { logger, inflight });
    }
    installShutdown(async () => {
      await news?.stop();
      await running.stop();
      await feedback.flush();
    }, logger);
    running.done.catch((err: unknown) => {
      logger.fatal({ err }, 'bot stopped unexpectedly');
      process.exit(1);
    });
  } catch (err) {
    logger.fatal({ err }, 'bot could not start');
    process.exit(1);
  }
}

void main();
