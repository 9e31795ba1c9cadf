import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads process.env. Everything else receives a typed Config.
 * Bot-only settings (token, webhook) are validated here too, but are optional so the CLI
 * works without them; src/main.ts demands the token.
 */

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyAsUndefined, z.string().url().optional());

export const MIN_WEBHOOK_SECRET = 16;

export const TOKEN_PATTERN = /^\d{5,}:[A-Za-z0-9_-]{30,}$/;

const EnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: optionalUrl,
  WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and - (Telegram secret_token rules)')
      .optional(),
  ),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  ADMIN_IDS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const ids = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = ids.filter((x) => !/^\d+$/.test(x));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `not numeric user ids: ${bad.join(', ')}` });
      return ids.map(Number);
    }),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),

  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'expected redis://[user:password@]host:port[/db] or rediss://…')
      .optional(),
  ),
  LEADER_LEASE_MS: z.coerce.number().int().min(1000).default(15_000),
  QUESTION_LOG_DAYS: z.coerce.number().int().min(1).default(90),

  DATA_DIR: z.string().default('data'),
  MAX_FILE_MB: z.coerce.number().positive().default(50),
  INDEX_DIR: optionalString,
  STATE_DIR: optionalString,

  EMBEDDINGS: z.enum(['auto', 'transformers', 'builtin']).default('auto'),
  EMBEDDING_MODEL: z.string().default('Xenova/multilingual-e5-small'),
  MODELS_DIR: z.string().default('models'),
  ALLOW_REMOTE_MODELS: boolish.default(true),
  INGEST_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  VECTOR_EXACT_LIMIT: z.coerce.number().int().min(0).optional(),
  WARMUP_QUESTIONS: z.coerce.number().int().min(0).max(10_000).default(100),

  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  LLM_MAX_TOKENS: z.coerce.number().int().min(16).default(700),

  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  SOURCES_FILE: z.string().default('data/sources.json'),
  SOURCES_CONTACT: z.string().default('https://github.com/zhauap/zhauap'),
  SOURCES_HOST_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  SOURCES_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  PUSH_LEASE_MS: z.coerce.number().int().min(500).default(60_000),
});

/**
 * The bot's mode decides what else it needs: a webhook cannot run without its public URL. As a
 * discriminated union, the parsed config says so in its type, and main.ts needs no assertion.
 */
const ModeSchema = z.discriminatedUnion('BOT_MODE', [
  z.object({ BOT_MODE: z.literal('polling'), WEBHOOK_URL: optionalUrl }),
  z.object({
    BOT_MODE: z.literal('webhook'),
    WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.string({ error: 'required when BOT_MODE=webhook' }).url()),
    // Without the secret anyone who finds the URL can post updates in the bot's name.
    WEBHOOK_SECRET: z.preprocess(
      emptyAsUndefined,
      z
        .string({ error: `required when BOT_MODE=webhook, at least ${MIN_WEBHOOK_SECRET} characters` })
        .min(MIN_WEBHOOK_SECRET, `required when BOT_MODE=webhook, at least ${MIN_WEBHOOK_SECRET} characters`),
    ),
  }),
], { error: 'BOT_MODE must be polling or webhook' });

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the app reads (.env.example documents each). */
export const ENV_KEYS = [...Object.keys(EnvSchema.shape), 'BOT_MODE', 'WEBHOOK_URL'];

/** How the bot receives updates: long polling, or a webhook server behind a public HTTPS URL. */
export type BotMode = { mode: 'polling' } | { mode: 'webhook'; webhookUrl: string; webhookSecret: string };

export interface Config {
  telegram: BotMode & {
    token: string | undefined;
    apiRoot: string | undefined;
    webhookSecret: string | undefined;
    port: number;
    adminIds: number[];
    rateLimitPerMinute: number;
  };
  /** Shared state for several replicas; absent: files under stateDir, one process. */
  redis: { url: string; leaderLeaseMs: number } | undefined;
  /** How long the question log (questions, 👍/👎) is kept. */
  questionLogDays: number;
  dataDir: string;
  /** Data files larger than this are skipped with a warning (a runaway export must not stall start-up). */
  maxFileBytes: number;
  indexDir: string;
  stateDir: string;
  embeddings: {
    mode: 'auto' | 'transformers' | 'builtin';
    model: string;
    modelsDir: string;
    allowRemote: boolean;
  };
  /** Worker threads that analyse and embed during index builds (built-in embedder); 0 = none. */
  ingestWorkers: number;
  /**
   * A filtered vector search allowing at most this many chunks ranks them exactly over an int8 copy of the
   * vectors (dimension + 4 bytes per chunk in memory); 0 turns the copy off. Undefined: the index's default.
   */
  vectorExactLimit: number | undefined;
  /** Questions made from the index's own passages that the bot retrieves once before it serves a loaded index (engine/warm-up.ts); 0: none. */
  warmupQuestions: number;
  /** Present only when LLM_BASE_URL or LLM_MODEL is set. */
  llm:
    | { baseUrl: string | undefined; apiKey: string | undefined; model: string; timeoutMs: number; maxTokens: number }
    | undefined;
  logLevel: Env['LOG_LEVEL'];
  /** Live news: the sources file (null = polling off) and the operator contact sent in the User-Agent. */
  sources: { file: string | null; contact: string; hostDelayMs: number; timeoutMs: number; pushLeaseMs: number };
}

/** Every configured secret, for the logger to scrub and the answer check to refuse. */
export function configuredSecrets(config: Config): string[] {
  return [config.telegram.token, config.telegram.webhookSecret, config.llm?.apiKey].filter((s): s is string => typeof s === 'string');
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  const mode = ModeSchema.safeParse({ BOT_MODE: emptyAsUndefined(env.BOT_MODE) ?? 'polling', WEBHOOK_URL: env.WEBHOOK_URL, WEBHOOK_SECRET: env.WEBHOOK_SECRET });
  const issues = [...(parsed.error?.issues ?? []), ...(mode.error?.issues ?? [])];
  const problems = issues.map((i) => `${i.path.join('.') || 'BOT_MODE'}: ${i.message}`);
  if (parsed.data?.LLM_BASE_URL && !parsed.data.LLM_MODEL) problems.push('LLM_MODEL: required when LLM_BASE_URL is set');
  // Without it anyone who learns the URL can post updates as any user.
  if (mode.data?.BOT_MODE === 'webhook' && parsed.success && !parsed.data.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET: required when BOT_MODE=webhook');
  if (!parsed.success || !mode.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const botMode: BotMode =
    mode.data.BOT_MODE === 'webhook'
      ? { mode: 'webhook', webhookUrl: mode.data.WEBHOOK_URL, webhookSecret: mode.data.WEBHOOK_SECRET }
      : { mode: 'polling' };

  const dataDir = path.resolve(cwd, e.DATA_DIR);
  return {
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookSecret: e.WEBHOOK_SECRET,
      ...botMode,
      port: e.PORT,
      adminIds: e.ADMIN_IDS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, leaderLeaseMs: e.LEADER_LEASE_MS } : undefined,
    questionLogDays: e.QUESTION_LOG_DAYS,
    dataDir,
    maxFileBytes: Math.round(e.MAX_FILE_MB * 1024 * 1024),
    indexDir: path.resolve(cwd, e.INDEX_DIR ?? path.join(e.DATA_DIR, 'index')),
    stateDir: path.resolve(cwd, e.STATE_DIR ?? path.join(e.DATA_DIR, 'state')),
    embeddings: {
      mode: e.EMBEDDINGS,
      model: e.EMBEDDING_MODEL,
      modelsDir: path.resolve(cwd, e.MODELS_DIR),
      allowRemote: e.ALLOW_REMOTE_MODELS,
    },
    // One core inserts into the indexes; the others embed.
    ingestWorkers: e.INGEST_WORKERS ?? Math.max(1, os.availableParallelism() - 1),
    vectorExactLimit: e.VECTOR_EXACT_LIMIT,
    warmupQuestions: e.WARMUP_QUESTIONS,
    llm: e.LLM_MODEL
      ? {
          baseUrl: e.LLM_BASE_URL,
          apiKey: e.LLM_API_KEY,
          model: e.LLM_MODEL,
          timeoutMs: e.LLM_TIMEOUT_MS,
          maxTokens: e.LLM_MAX_TOKENS,
        }
      : undefined,
    logLevel: e.LOG_LEVEL,
    sources: {
      file: e.SOURCES_FILE.trim() === 'none' ? null : path.resolve(cwd, e.SOURCES_FILE),
      contact: e.SOURCES_CONTACT,
      hostDelayMs: e.SOURCES_HOST_DELAY_MS,
      timeoutMs: e.SOURCES_TIMEOUT_MS,
      pushLeaseMs: e.PUSH_LEASE_MS,
    },
  };
}

/**
 * Entry points call this first: a `.env` file in the working directory, when present, fills the
 * environment (variables already set win), so a user can keep the token there.
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
