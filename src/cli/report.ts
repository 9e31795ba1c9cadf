/** Entry point of `npm run report`: the command in report-command.ts, reading the bot's question log. */
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { FileQuestionLog } from '../insights/file-log.js';
import { RedisQuestionLog } from '../insights/redis-log.js';
import { createLogger } from '../logger.js';
import { connectRedis, type SharedRedis } from '../state/redis.js';
import { runReport } from './report-command.js';

let redis: SharedRedis | undefined;
runReport(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  log: async () => {
    loadDotEnv();
    const config = loadConfig();
    if (!config.redis) return new FileQuestionLog(config.stateDir);
    redis = await connectRedis(config.redis.url, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
    return new RedisQuestionLog(redis);
  },
})
  .finally(() => redis?.close())
  .then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`report: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
