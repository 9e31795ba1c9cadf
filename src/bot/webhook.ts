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
  /** Required: loadConfig demands WEBHOOK_SECRET (16+ characters) in webhook mode. */
  secret: string;
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

function secretMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A body past the limit is still read (and thrown away) up to this, so the client gets its 413, not a reset. */
const DISCARD_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

type Body = { ok: true; text: string } | { ok: false; tooLarge: true };

function readBody(req: http.IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) resolve({ ok: false, tooLarge: true });
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DISCARD_LIMIT_BYTES) req.destroy();
      else if (size > MAX_BODY_BYTES) resolve({ ok: false, tooLarge: true });
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}

/** The update, or null when the body is not a JSON object with a numeric update_id (null, 42, [], "x"). */
export function parseUpdate(text: string): Update | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return Number.isSafeInteger((value as { update_id?: unknown }).update_id) ? (value as Update) : null;
}

function send(res: http.ServerResponse, status: number, body: object, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
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
        if (!body.ok) return send(res, 413, { ok: false }, { connection: 'close' });
        const update = parseUpdate(body.text);
        if (update === null) return send(res, 400, { ok: false });
        send(res, 200, { ok: true });
        inflight
          .track(bot.handleUpdate(update))
          .catch((err: unknown) => logger.error({ err: loggableError(err), update: update.update_id }, 'webhook update failed'));
      },
      (err: unknown) => {
        logger.warn({ err: loggableError(err) }, 'webhook request body could not be read');
        send(res, 400, { ok: false });
      },
    );
  });
  // A client that resets mid-request must not take the server down.
  server.on('clientError', (err, socket) => {
    logger.debug({ err: loggableError(err) }, 'webhook client error');
    socket.destroy();
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
