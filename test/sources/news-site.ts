/**
 * A small news site on 127.0.0.1 for the live-news tests: an RSS feed of summary-only items linking to
 * pages full of navigation noise, a paginated listing in the seed newspaper's layout, a sitemap,
 * robots.txt with a disallowed path, a windows-1251 page, and the failures a real site has (500, a
 * hang, a redirect loop, malformed XML, a 20 MB page). Pages and feed items can be added while it runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SitePage {
  title: string;
  date: string;
  paragraphs: string[];
  /** Path of the page's canonical URL, when it differs from where it is served. */
  canonical?: string;
}

export interface RequestLog {
  path: string;
  userAgent: string;
  ifNoneMatch: string | null;
  at: number;
}

const NOISE_TOP = `<header><nav><a href="/">Главная</a> <a href="/politika">Политика</a> <a href="/economy">Экономика</a> <a href="/sport">Спорт</a> Курс валют: USD 505,2 EUR 548,9</nav></header>`;
const NOISE_SIDE = `<aside class="sidebar"><h3>Самое читаемое</h3><ul><li><a href="/x1">Гороскоп на неделю для всех знаков зодиака</a></li><li><a href="/x2">Погода в Астане: снег и гололёд</a></li></ul><div class="ad">Реклама. Купите квартиру мечты в рассрочку без переплат.</div></aside>`;
const NOISE_FOOT = `<footer><p>© 2025 Новости региона. Все права защищены. При цитировании ссылка обязательна.</p><p>Контакты редакции: +7 727 000 00 00</p></footer>`;

export function articleHtml(page: SitePage, origin: string): string {
  const canonical = page.canonical ? `<link rel="canonical" href="${origin}${page.canonical}">` : '';
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: page.title, datePublished: `${page.date}T10:00:00+05:00` });
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${page.title} | Новости региона</title>${canonical}
<script type="application/ld+json">${ld}</script></head><body>${NOISE_TOP}
<main><article><h1>${page.title}</h1><div class="meta">Автор: редакция</div>${page.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main>
${NOISE_SIDE}${NOISE_FOOT}</body></html>`;
}

export class NewsSite {
  readonly pages = new Map<string, SitePage>();
  /** Paths listed in the feed, newest first. */
  readonly feed: string[] = [];
  readonly requests: RequestLog[] = [];
  /** Most requests in flight at once (per-host politeness). */
  maxConcurrent = 0;
  /** Artificial delay of article pages, ms (the SIGKILL test needs a poll that takes a while). */
  pageDelayMs = 0;
  robots = 'User-agent: *\nDisallow: /private/\n';
  listingPages: string[] = [];
  sitemap: string[] = [];
  private inFlight = 0;
  private server!: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();
  origin = '';

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  addPage(path: string, page: SitePage, { inFeed = true } = {}): void {
    this.pages.set(path, page);
    if (inFeed && !this.feed.includes(path)) this.feed.unshift(path);
  }

  paths(): string[] {
    return this.requests.map((r) => r.path);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    this.requests.push({ path: url.pathname + url.search, userAgent: String(req.headers['user-agent'] ?? ''), ifNoneMatch: (req.headers['if-none-match'] as string) ?? null, at: Date.now() });
    this.inFlight++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight);
    res.on('close', () => this.inFlight--);
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    const path = url.pathname;
    if (path === '/robots.txt') return send(200, 'text/plain', this.robots);
    if (path === '/feed.xml') {
      const body = this.feedXml();
      const etag = `"${Buffer.from(body).length}-${this.feed.length}"`;
      if (req.headers['if-none-match'] === etag) return send(304, 'application/rss+xml', '');
      return send(200, 'application/rss+xml; charset=utf-8', body, { etag });
    }
    if (path === '/bad.xml') return send(200, 'application/rss+xml', '<?xml version="1.0"?><rss><channel><title>Сломано</title><item><title>Без конца');
    if (path === '/sitemap.xml') {
      const urls = this.sitemap.map((p) => `<url><loc>${this.origin}${p}</loc><lastmod>2025-04-15</lastmod></url>`).join('');
      return send(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`);
    }
    if (path === '/listing') {
      const n = Number(url.searchParams.get('page') ?? '1');
      const body = this.listingPages[n - 1];
      return body ? send(200, 'text/html; charset=utf-8', body) : send(404, 'text/html', 'нет');
    }
    if (path === '/error') return send(500, 'text/html', 'Internal Server Error');
    if (path === '/hang') {
      this.hanging.add(res);
      return;
    }
    if (path === '/loop-a') return send(302, 'text/html', '', { location: '/loop-b' });
    if (path === '/loop-b') return send(302, 'text/html', '', { location: '/loop-a' });
    if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const block = Buffer.alloc(1 << 20, 'a');
      for (let i = 0; i < 20 && !res.destroyed; i++) {
        if (!res.write(block)) await new Promise((r) => res.once('drain', r).once('close', r));
      }
      return void res.end();
    }
    if (path === '/cp1251') {
      const html = articleHtml({ title: 'В Кызылорде отремонтируют мост', date: '2025-04-12', paragraphs: ['В Кызылорде до конца лета отремонтируют мост через Сырдарью, сообщили в акимате области. На работы выделено 2,4 млрд тенге.'] }, this.origin).replace('<meta charset="utf-8">', '<meta charset="windows-1251">');
      return send(200, 'text/html', encode1251(html));
    }
    const page = this.pages.get(path);
    if (page) {
      if (this.pageDelayMs > 0) await new Promise((r) => setTimeout(r, this.pageDelayMs));
      return send(200, 'text/html; charset=utf-8', articleHtml(page, this.origin));
    }
    return send(404, 'text/html', 'Страница не найдена');
  }

  private feedXml(): string {
    const items = this.feed
      .map((p) => {
        const page = this.pages.get(p)!;
        // Summary only: the first sentence; the link carries tracking parameters.
        const summary = page.paragraphs[0]!.split('. ')[0];
        return `<item><title>${page.title}</title><link>${this.origin}${p}?utm_source=rss&amp;utm_medium=feed</link><guid>${this.origin}${p}</guid><pubDate>${new Date(`${page.date}T10:00:00Z`).toUTCString()}</pubDate><description><![CDATA[<p>${summary}.</p>]]></description></item>`;
      })
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Новости региона</title><link>${this.origin}/</link><description>Лента</description>${items}</channel></rss>`;
  }
}

/** windows-1251 bytes of a text (Cyrillic, ASCII): Node can decode 1251 but has no encoder for it. */
export function encode1251(text: string): Buffer {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : (table.get(c) ?? 0x3f))));
}

/** A listing page in the seed newspaper's layout: heading "Title DD.MM.YYYY", body, «Источник информации : URL». */
export function listingHtml(items: Array<{ title: string; date: string; paragraphs: string[]; source?: string }>, next: string | null): string {
  const body = items
    .map((i) => {
      const [y, m, d] = i.date.split('-');
      const source = i.source ? `<p>Источник информации : ${i.source}</p>` : '';
      return `<div class="news-item"><h3>${i.title} ${d}.${m}.${y}</h3>${i.paragraphs.map((p) => `<p>${p}</p>`).join('')}${source}</div>`;
    })
    .join('\n');
  const pager = next ? `<div class="pagination"><a href="${next}">Следующая</a></div>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Политика</title></head><body>${NOISE_TOP}<h1>Enbekshi QazaQ</h1><h2>Политика</h2>${body}${pager}${NOISE_FOOT}</body></html>`;
}
