/**
 * A small Bot API server on 127.0.0.1 for bots that run as they do in production (their own HTTP
 * client, TELEGRAM_API_ROOT pointed here): records every call of every bot, answers getMe and
 * sendMessage like Telegram, and `true` to everything else.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOT_INFO } from '../bot/harness.js';

export interface RecordedCall {
  token: string;
  method: string;
  payload: Record<string, unknown>;
  at: number;
}

export class FakeBotApi {
  readonly calls: RecordedCall[] = [];
  /**
   * Calls for which this says true are held: neither recorded nor answered, as if the request never
   * reached Telegram; dropped when the caller goes away (a sender killed mid-send).
   */
  hold: ((method: string, payload: Record<string, unknown>) => boolean) | null = null;
  /** Calls held so far. */
  held = 0;
  private messageId = 5000;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeBotApi> {
    const server = http.createServer();
    const api = new FakeBotApi(server);
    server.on('request', (req, res) => api.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  of(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Texts sent to one chat, in order. */
  textsTo(chatId: number): string[] {
    return this.of('sendMessage').filter((c) => Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text));
  }

  /** Calls `listener` with every call from now on; returns the unsubscribe function. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    let seen = this.calls.length;
    // Held calls wake the listeners too (for waitFor); onCall reports recorded calls only.
    const wrapped = () => {
      for (; seen < this.calls.length; seen++) listener(this.calls[seen]!);
    };
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  /** Resolves once `predicate` holds (checked after every call), or fails after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`fake Bot API: ${what} not met in ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const match = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!match) return void res.writeHead(404).end();
      const [, token, method] = match as unknown as [string, string, string];
      const body = Buffer.concat(chunks).toString('utf8');
      const payload = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
      if (this.hold?.(method, payload)) {
        this.held++;
        for (const listener of [...this.listeners]) listener();
        return;
      }
      this.calls.push({ token, method, payload, at: Date.now() });
      const result =
        method === 'getMe'
          ? BOT_INFO
          : method === 'sendMessage'
            ? { message_id: ++this.messageId, date: Math.floor(Date.now() / 1000), chat: { id: payload.chat_id, type: 'private' }, text: payload.text }
            : true;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
      for (const listener of [...this.listeners]) listener();
    });
  }
}
