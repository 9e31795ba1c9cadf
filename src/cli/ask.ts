/** Entry point of `npm run ask`: the command in ask-command.ts, wired to this process. */
import { ConfigError, configuredSecrets, loadConfig, loadDotEnv } from '../config.js';
import { createEngine } from '../engine/create-engine.js';
import { createLogger } from '../logger.js';
import { runAsk } from './ask-command.js';

runAsk(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  engine: async () => {
    loadDotEnv();
    const config = loadConfig();
    return createEngine(config, createLogger(config.logLevel, configuredSecrets(config)));
  },
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`ask: ${message}\n`);
    process.exit(1);
  },
);
