import { createRequire } from 'node:module';

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
// robots-parser is CommonJS whose typings declare an ESM default export; require gives the real function.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => Robots;

/**
 * The polite HTTP client every source goes through (Node's fetch): robots.txt read before the first
 * page of a site, one request at a time per site with a pause between requests, conditional requests,
 * a timeout and a size cap on every response, retries with backoff for transient failures, a redirect
 * limit, http/https only, and bodies decoded from UTF-8 or windows-1251.
 */

export interface FetcherOptions {
  /** Names the bot and how to reach its operator. */
  userAgent: string;
  timeoutMs?: number;
  maxBytes?: number;
  /** Extra attempts after a network error, a timeout, a 429 or a 5xx. */
  retries?: number;
  backoffMs?: number;
  /** Pause between two requests to the same site (origin). */
  hostDelayMs?: number;
  maxRedirects?: number;
  /** The fetch implementation (Node's global fetch unless a test hands in another). */
  fetch?: typeof fetch;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { kind: 'ok'; url: string; status: number; contentType: string; body: string; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified'; url: string };

export type FetchFailure = 'timeout' | 'too-large' | 'http' | 'redirects' | 'protocol' | 'robots' | 'network';

export class FetchError extends Error {
  constructor(
    readonly url: string,
    readonly reason: FetchFailure,
    message: string,
    readonly status?: number,
  ) {
    super(`fetch ${url}: ${message}`);
    this.name = 'FetchError';
  }

  /** Worth another attempt later in the same poll. */
  get transient(): boolean {
    return this.reason === 'timeout' || this.reason === 'network' || (this.reason === 'http' && (this.status === 429 || (this.status ?? 0) >= 500));
  }
}

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 << 20, retries: 2, backoffMs: 1000, hostDelayMs: 1000, maxRedirects: 5 };


export class PoliteFetcher {
  private readonly o: Required<Omit<FetcherOptions, 'fetch'>>;
  private readonly fetchImpl: typeof fetch;
  /** Per origin: the tail of its request queue. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly robots = new Map<string, Promise<Robots | null>>();

  constructor(options: FetcherOptions) {
    this.o = { ...DEFAULTS, ...options };
    this.fetchImpl = options.fetch ?? fetch;
  }

  get userAgent(): string {
    return this.o.userAgent;
  }

  /** GET `url` following redirects; throws FetchError. A 304 to a conditional request is `not-modified`. */
  async get(url: string, validators: Validators = {}, accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'): Promise<FetchResult> {
    let current = checkProtocol(url);
    for (let hop = 0; hop <= this.o.maxRedirects; hop++) {
      if (!(await this.allowed(current))) throw new FetchError(current.href, 'robots', 'disallowed by robots.txt');
      const headers: Record<string, string> = { 'user-agent': this.o.userAgent, accept };
      if (hop === 0 && validators.etag) headers['if-none-match'] = validators.etag;
      if (hop === 0 && validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      const response = await this.withRetries(current, headers);
      if (response.kind === 'redirect') {
        current = checkProtocol(new URL(response.location, current).href);
        continue;
      }
      return response.result;
    }
    throw new FetchError(url, 'redirects', `more than ${this.o.maxRedirects} redirects`);
  }

  private async withRetries(url: URL, headers: Record<string, string>): Promise<Attempt> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.queued(url, () => this.once(url, headers));
      } catch (err) {
        if (!(err instanceof FetchError) || !err.transient || attempt >= this.o.retries) throw err;
        await sleep(this.o.backoffMs * 2 ** attempt);
      }
    }
  }

  /** One request, its whole body read within the timeout and the size cap. */
  private async once(url: URL, headers: Record<string, string>): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.o.timeoutMs);
    try {
      let response: Response;
      try {
        response = await this.fetchImpl(url, { headers, redirect: 'manual', signal: controller.signal });
      } catch (err) {
        if (controller.signal.aborted) throw new FetchError(url.href, 'timeout', `no response in ${this.o.timeoutMs} ms`);
        throw new FetchError(url.href, 'network', (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message);
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        await response.body?.cancel();
        return { kind: 'redirect', location };
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: 'done', result: { kind: 'not-modified', url: url.href } };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchError(url.href, 'http', `HTTP ${response.status}`, response.status);
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > this.o.maxBytes) {
        await response.body?.cancel();
        throw new FetchError(url.href, 'too-large', `${declared} bytes, more than the ${this.o.maxBytes}-byte cap`);
      }
      const bytes = await readCapped(response, this.o.maxBytes, url.href, controller);
      const contentType = response.headers.get('content-type') ?? '';
      return {
        kind: 'done',
        result: {
          kind: 'ok',
          url: url.href,
          status: response.status,
          contentType,
          body: decodeBody(bytes, contentType),
          etag: response.headers.get('etag'),
          lastModified: response.headers.get('last-modified'),
        },
      };
    } catch (err) {
      if (controller.signal.aborted && !(err instanceof FetchError && err.reason !== 'network')) {
        throw new FetchError(url.href, 'timeout', `no complete response in ${this.o.timeoutMs} ms`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs `task` after every earlier request to the same origin, then holds the origin for hostDelayMs. */
  private queued<T>(url: URL, task: () => Promise<T>): Promise<T> {
    const origin = url.origin;
    const previous = this.queues.get(origin) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.then(
      () => sleep(this.o.hostDelayMs),
      () => sleep(this.o.hostDelayMs),
    );
    this.queues.set(origin, tail);
    void tail.then(() => {
      if (this.queues.get(origin) === tail) this.queues.delete(origin);
    });
    return run;
  }

  /** robots.txt of the URL's origin, read once per fetcher: missing (4xx) allows everything. */
  private async allowed(url: URL): Promise<boolean> {
    if (url.pathname === '/robots.txt') return true;
    let robots = this.robots.get(url.origin);
    if (!robots) {
      robots = this.readRobots(url.origin);
      this.robots.set(url.origin, robots);
    }
    const parsed = await robots;
    return parsed === null || parsed.isAllowed(url.href, this.o.userAgent) !== false;
  }

  private async readRobots(origin: string): Promise<Robots | null> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const result = await this.get(robotsUrl, {}, 'text/plain');
      return result.kind === 'ok' ? robotsParser(robotsUrl, result.body) : null;
    } catch (err) {
      if (err instanceof FetchError && err.reason === 'http' && (err.status ?? 0) < 500) return null;
      // An unreachable robots.txt says nothing about what is allowed: try again next poll.
      this.robots.delete(origin);
      throw err;
    }
  }
}

type Attempt = { kind: 'redirect'; location: string } | { kind: 'done'; result: FetchResult };

function checkProtocol(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(url, 'protocol', 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchError(url, 'protocol', `${parsed.protocol} is not http or https`);
  return parsed;
}

async function readCapped(response: Response, maxBytes: number, url: string, controller: AbortController): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const part of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += part.byteLength;
    if (total > maxBytes) {
      controller.abort();
      throw new FetchError(url, 'too-large', `more than the ${maxBytes}-byte cap`);
    }
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/**
 * The charset the response names (header, then <meta> or the XML declaration); otherwise UTF-8 when
 * the bytes are valid UTF-8, else windows-1251 (the legacy Cyrillic encoding of older Kazakh sites).
 */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const declared =
    /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1];
  if (declared) {
    try {
      return new TextDecoder(declared.toLowerCase()).decode(bytes);
    } catch {
      // An unknown label: guess as below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
