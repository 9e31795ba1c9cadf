import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, PoliteFetcher, type FetcherOptions } from '../../src/sources/fetcher.js';
import { NewsSite } from './news-site.js';

let site: NewsSite;
const UA = 'ZhauapBot/0.1 (+mailto:ops@example.kz)';
// A timeout a loaded machine does not reach by accident (at 400 ms robots.txt was sometimes read twice);
// the hang below has a short one of its own.
const fetcher = (o: Partial<FetcherOptions> = {}) =>
  new PoliteFetcher({ userAgent: UA, timeoutMs: 2_000, retries: 1, backoffMs: 10, hostDelayMs: 30, maxBytes: 1 << 20, ...o });

beforeAll(async () => {
  site = await new NewsSite().start();
  site.addPage('/news/1', { title: 'Первая', date: '2025-04-14', paragraphs: ['Текст первой новости.'] });
  site.addPage('/news/2', { title: 'Вторая', date: '2025-04-14', paragraphs: ['Текст второй новости.'] });
  site.addPage('/private/secret', { title: 'Закрытая', date: '2025-04-14', paragraphs: ['Не для роботов.'] }, { inFeed: false });
});
afterAll(() => site.stop());

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error('expected a FetchError');
}

describe('polite fetcher', () => {
  it('reads robots.txt first, names the bot and its operator, and never enters a disallowed path', async () => {
    const start = site.requests.length;
    const f = fetcher();
    const page = await f.get(`${site.origin}/news/1`);
    expect(page.kind === 'ok' && page.body).toContain('Текст первой новости');
    expect(site.paths().slice(start, start + 2)).toEqual(['/robots.txt', '/news/1']);
    expect(site.requests.slice(start).every((r) => r.userAgent === UA)).toBe(true);
    expect((await failure(f.get(`${site.origin}/private/secret`))).reason).toBe('robots');
    expect(site.paths()).not.toContain('/private/secret');
  });

  it('sends one request at a time per site, with a pause between them', async () => {
    const f = fetcher({ hostDelayMs: 100 });
    site.maxConcurrent = 0;
    const start = site.requests.length;
    await Promise.all(['/news/1', '/news/2', '/news/1'].map((p) => f.get(`${site.origin}${p}`)));
    expect(site.maxConcurrent).toBe(1);
    const times = site.requests.slice(start).map((r) => r.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(95);
  });

  it('asks conditionally with the ETag it was given and reports not-modified', async () => {
    const f = fetcher();
    const first = await f.get(`${site.origin}/feed.xml`);
    expect(first.kind).toBe('ok');
    const etag = first.kind === 'ok' ? first.etag : null;
    expect(etag).toBeTruthy();
    expect((await f.get(`${site.origin}/feed.xml`, { etag })).kind).toBe('not-modified');
    expect(site.requests.at(-1)!.ifNoneMatch).toBe(etag);
  });

  it('gives up on a 500 after its retries, on a hang at the timeout, on a redirect loop, on a 20 MB page', async () => {
    const f = fetcher();
    const before = site.paths().filter((p) => p === '/error').length;
    const e500 = await failure(f.get(`${site.origin}/error`));
    expect([e500.reason, e500.status]).toEqual(['http', 500]);
    expect(site.paths().filter((p) => p === '/error').length - before).toBe(2);
    const started = Date.now();
    expect((await failure(fetcher({ timeoutMs: 400 }).get(`${site.origin}/hang`))).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await failure(f.get(`${site.origin}/loop-a`))).reason).toBe('redirects');
    expect((await failure(f.get(`${site.origin}/huge`))).reason).toBe('too-large');
  });

  it('decodes a windows-1251 page and refuses other protocols', async () => {
    const page = await fetcher().get(`${site.origin}/cp1251`);
    expect(page.kind === 'ok' && page.body).toContain('отремонтируют мост через Сырдарью');
    expect((await failure(fetcher().get('file:///etc/passwd'))).reason).toBe('protocol');
  });
});
