import { afterAll, beforeAll, beforeEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted OpenAI-compatible chat server on 127.0.0.1 for tests: records each request and answers
 * /chat/completions with the next scripted reply (streamed as SSE when the request asks for a stream).
 */

export type StubReply =
  /** A completion; streamed in `chunks` pieces (default: one per word) when the request has stream: true. */
  | { kind: 'text'; content: string; chunks?: string[]; chunkDelayMs?: number }
  | { kind: 'status'; status: number; body?: string }
  /** Sends headers (and the given chunks when streaming), then never finishes. */
  | { kind: 'stall'; chunks?: string[] }
  /** A 200 response with an arbitrary body (malformed output). */
  | { kind: 'raw'; body: string };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model?: string;
    stream?: boolean;
    max_tokens?: number;
    messages: Array<{ role: string; content: string }>;
  };
}

export interface OpenAiStub {
  /** Base URL including /v1, for ChatOpenAI configuration.baseURL. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queues replies, consumed one per request; with an empty queue the server replies 500. */
  script(...replies: StubReply[]): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function completionJson(content: string, model: string | undefined): string {
  return JSON.stringify({
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: model ?? 'stub',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

function sseChunk(content: string, model: string | undefined, finish: string | null = null): string {
  const payload = {
    id: 'chatcmpl-stub',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: model ?? 'stub',
    choices: [{ index: 0, delta: finish ? {} : { content }, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function splitWords(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [text];
}

async function reply(res: http.ServerResponse, request: RecordedRequest, next: StubReply | undefined): Promise<void> {
  const model = request.body.model;
  const streaming = request.body.stream === true;
  if (!next) {
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"stub: no scripted reply"}}');
    return;
  }
  switch (next.kind) {
    case 'status':
      res
        .writeHead(next.status, { 'content-type': 'application/json' })
        .end(next.body ?? JSON.stringify({ error: { message: `stub: status ${next.status}` } }));
      return;
    case 'raw':
      res.writeHead(200, { 'content-type': streaming ? 'text/event-stream' : 'application/json' }).end(next.body);
      return;
    case 'stall':
      res.writeHead(200, { 'content-type': streaming ? 'text/event-stream' : 'application/json' });
      for (const c of next.chunks ?? []) res.write(sseChunk(c, model));
      return;
    case 'text':
      if (!streaming) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(completionJson(next.content, model));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const c of next.chunks ?? splitWords(next.content)) {
        res.write(sseChunk(c, model));
        if (next.chunkDelayMs) await sleep(next.chunkDelayMs);
      }
      res.write(sseChunk('', model, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
  }
}

export async function startOpenAiStub(): Promise<OpenAiStub> {
  const queue: StubReply[] = [];
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      if (!req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      const recorded: RecordedRequest = {
        path: req.url,
        authorization: req.headers.authorization,
        body: JSON.parse(raw) as RecordedRequest['body'],
      };
      requests.push(recorded);
      void reply(res, recorded, queue.shift());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled responses keep sockets open; cut them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts one stub for a test file (torn down after it) and clears its recorded requests before
 * each test. The returned object forwards to the running stub, so tests use it like the stub itself.
 */
export function useOpenAiStub(): OpenAiStub {
  let stub: OpenAiStub | undefined;
  const live = (): OpenAiStub => {
    if (!stub) throw new Error('openai stub: not started yet');
    return stub;
  };
  beforeAll(async () => {
    stub = await startOpenAiStub();
  });
  afterAll(() => stub?.close());
  beforeEach(() => {
    if (stub) stub.requests.length = 0;
  });
  return {
    get baseUrl() {
      return live().baseUrl;
    },
    get requests() {
      return live().requests;
    },
    script: (...replies) => live().script(...replies),
    close: () => live().close(),
  };
}
