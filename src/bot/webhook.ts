/**
 * Webhook mode: a plain node http server. Telegram gets 200 as soon as the update is accepted, and the
 * answer is produced afterwards, so it never depends on Telegram's webhook timeout. Per-chat order is
 * kept by the bot's sequentialize middleware, which queues updates in arrival order.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import { loggableError } from './best-effort.js';
import type { InFlight } from './in-flight.js';
import { ALLOWED_UPDATES, connect, DRAIN_TIMEOUT_MS, once, setupBotProfile, type RunningBot } from './lifecycle.js';

const MAX_BODY_BYTES = 1024 * 1024;
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface WebhookOptions {
  /** Public URL Telegram posts to; its path is the path served here. */
  url: string;
  secret: string | undefined;
  port: number;
  host?: string;
  logger: Logger;
  inflight: InFlight;
  drainTimeoutMs?: number;
  /** Register the URL with Telegram (off for replicas, where the leader does it, and in tests). */
  register?: boolean;
}

export interface RunningWebhook extends RunningBot {
  /** The port actually bound (differs from options.port when that was 0). */
  port: number;
}

function secretMatches(expected: string | undefined, given: string | string[] | undefined): boolean {
  if (expected === undefined) return true;
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * Tells Telegram where to post updates (and sets the command list). With several replicas behind one
 * URL only the leader calls this: N replicas calling setWebhook at every start would be N-1 calls too many.
 */
export async function registerWebhook(bot: Bot<BotContext>, options: Pick<WebhookOptions, 'url' | 'secret' | 'logger'>): Promise<void> {
  await setupBotProfile(bot, options.logger);
  await bot.api.setWebhook(options.url, {
    allowed_updates: [...ALLOWED_UPDATES],
    ...(options.secret ? { secret_token: options.secret } : {}),
  });
  options.logger.info({ url: new URL(options.url).host }, 'webhook registered with Telegram');
}

export async function startWebhook(bot: Bot<BotContext>, options: WebhookOptions): Promise<RunningWebhook> {
  const { logger, inflight } = options;
  const path = new URL(options.url).pathname;
  if (options.secret === undefined) logger.warn('WEBHOOK_SECRET is not set: anyone who finds the URL can post updates');
  await connect(bot, logger, 'webhook');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      send(res, 200, { ok: true, inflight: inflight.size });
      return;
    }
    if (url.pathname !== path) return send(res, 404, { ok: false });
    if (req.method !== 'POST') return send(res, 405, { ok: false });
    if (!secretMatches(options.secret, req.headers[SECRET_HEADER])) {
      logger.warn('webhook request with a wrong secret token rejected');
      return send(res, 401, { ok: false });
    }
    readBody(req).then(
      (body) => {
        if (body === null) return send(res, 413, { ok: false });
        let update: Update;
        try {
          update = JSON.parse(body) as Update;
        } catch {
          return send(res, 400, { ok: false });
        }
        send(res, 200, { ok: true });
        inflight
          .track(bot.handleUpdate(update))
          .catch((err: unknown) => logger.error({ err: loggableError(err), update: update.update_id }, 'webhook update failed'));
      },
      (err: unknown) => {
        logger.warn({ err }, 'webhook request body could not be read');
        if (!res.headersSent) send(res, 400, { ok: false });
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  if (options.register !== false) await registerWebhook(bot, options);
  logger.info({ username: bot.botInfo.username, mode: 'webhook', port, path }, 'bot started');

  let closed!: () => void;
  const done = new Promise<void>((resolve) => {
    closed = resolve;
  });
  return {
    port,
    done,
    stop: once(async () => {
      // Stop taking updates; Telegram keeps new ones queued until the next start.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      const drained = await inflight.drain(options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS);
      logger.info({ drained, abandoned: inflight.size }, 'bot stopped');
      closed();
    }),
  };
}
