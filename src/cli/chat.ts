/** `npm run chat`: talk to the real engine in this terminal (see chat-session.ts). */
import { createInterface } from 'node:readline';
import { ConfigError, configuredSecrets, loadConfig, loadDotEnv } from '../config.js';
import { createEngine } from '../engine/create-engine.js';
import { createLogger } from '../logger.js';
import { runChat } from './chat-session.js';

async function main(): Promise<void> {
  loadDotEnv();
  // Logs go to stderr; warn keeps the conversation readable unless LOG_LEVEL asks for more.
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const logger = createLogger(config.logLevel, configuredSecrets(config));
  const engine = await createEngine(config, logger);
  const input = createInterface({ input: process.stdin, terminal: false });
  await runChat(input, (text) => process.stdout.write(text), engine);
  input.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`chat: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
