/** `npm start`: the Telegram bot, long polling by default or a webhook server (BOT_MODE=webhook). */
import { ConfigError, loadConfig, loadDotEnv, TOKEN_PATTERN, type Config } from './config.js';
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
  // The engine, grammY and the model runtimes load only after the checks above: a missing token or a
  // broken sources file is reported at once, not after seconds of loading.
  const { runBot } = await import('./bot/run-bot.js');
  await runBot(config);
}

void main();
