import { extractFromXml } from '@extractus/feed-extractor';
import { Readability } from '@mozilla/readability';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { canonicalUrl } from './canonical.js';
import { findDateInText, parseTimestamp } from '../text/dates.js';

/**
 * Pages and feeds → article drafts. Metadata comes from structured data first (JSON-LD, OpenGraph and
 * article:* meta, <time datetime>), text heuristics last; article bodies from Readability over linkedom,
 * which drops menus, sidebars and footers.
 */

export interface ExtractedArticle {
  /** Canonical URL: <link rel=canonical> or og:url when present, else the fetched URL; tracking dropped. */
  url: string;
  title: string | null;
  date: string | null;
  /** Plain text, paragraphs separated by a blank line. */
  text: string;
}

export interface FeedItem {
  url: string;
  title: string | null;
  date: string | null;
  /** The full text when the feed carries it (content:encoded), else the summary. */
  text: string;
  /** The feed gives only a summary: the article must be fetched from its link. */
  summaryOnly: boolean;
}

export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** A feed item with fewer words than this and no full content is a teaser. */
const FULL_TEXT_WORDS = 80;

/** RSS 2.0, Atom or RDF; throws ExtractError for malformed XML or an unknown format. */
export function parseFeed(xml: string, feedUrl: string): FeedItem[] {
  let feed;
  try {
    feed = extractFromXml(xml, {
      descriptionMaxLen: 0,
      baseUrl: feedUrl,
      getExtraEntryFields: (entry) => ({ full: pickText(entry['content:encoded']) ?? pickText(entry['content']) }),
    });
  } catch (err) {
    throw new ExtractError(`feed ${feedUrl}: ${(err as Error).message}`);
  }
  const items: FeedItem[] = [];
  for (const entry of feed.entries ?? []) {
    const url = entry.link ? canonicalUrl(entry.link, feedUrl) : null;
    if (!url) continue;
    const full = typeof entry.full === 'string' ? htmlToText(entry.full) : '';
    const summary = htmlToText(entry.description ?? '');
    const text = full || summary;
    items.push({
      url,
      title: entry.title?.trim() || null,
      date: parseTimestamp(entry.published ?? null),
      text,
      summaryOnly: wordCount(text) < FULL_TEXT_WORDS,
    });
  }
  return items;
}

function pickText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value && typeof (value as { '#text': unknown })['#text'] === 'string') {
    return (value as { '#text': string })['#text'];
  }
  return undefined;
}

/** One article page: metadata from JSON-LD / meta / <time>, body via Readability. */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const { document } = parseHTML(html);
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const ld = jsonLdArticle(document);
  const canonical =
    canonicalUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '', pageUrl) ??
    canonicalUrl(meta('meta[property="og:url"]') ?? '', pageUrl) ??
    canonicalUrl(pageUrl) ??
    pageUrl;
  const h1 = document.querySelector('h1')?.textContent?.trim() || null;
  const title = ld.headline ?? meta('meta[property="og:title"]') ?? h1;
  const timeAttr = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  let date =
    parseTimestamp(ld.datePublished) ??
    parseTimestamp(meta('meta[property="article:published_time"]')) ??
    parseTimestamp(meta('meta[name="date"]')) ??
    parseTimestamp(timeAttr);
  // Readability edits the document it reads: metadata is taken first.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const body = parsed?.content ? blocksToText(parsed.content, title) : '';
  date ??= findDateInText(parsed?.textContent?.slice(0, 400) ?? '');
  return { url: canonical, title: title ?? parsed?.title?.trim() ?? null, date, text: body };
}

interface LdArticle {
  headline: string | null;
  datePublished: string | null;
}

function jsonLdArticle(document: ReturnType<typeof parseHTML>['document']): LdArticle {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let value: unknown;
    try {
      value = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const nodes = (Array.isArray(value) ? value : [value, ...((value as { '@graph'?: unknown[] })?.['@graph'] ?? [])]) as Array<Record<string, unknown>>;
    for (const node of nodes) {
      const type = String(node?.['@type'] ?? '');
      if (/Article|NewsArticle|BlogPosting|Report/.test(type)) {
        return {
          headline: typeof node['headline'] === 'string' ? node['headline'].trim() : null,
          datePublished: typeof node['datePublished'] === 'string' ? node['datePublished'] : null,
        };
      }
    }
  }
  return { headline: null, datePublished: null };
}

const BLOCKS = 'p, li, h2, h3, h4, h5, h6, blockquote, pre';

/** Readability's article HTML → paragraphs; the title repeated as a heading is left out. */
function blocksToText(html: string, title: string | null): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = [...document.querySelectorAll(BLOCKS)]
    // A block holding other blocks is read through its children.
    .filter((el) => !el.querySelector(BLOCKS))
    .map((el) => clean(el.textContent ?? ''))
    .filter((t) => t !== '' && t !== title);
  if (blocks.length > 0) return blocks.join('\n\n');
  return clean(document.body?.textContent ?? '');
}

/** Any HTML fragment (a feed description) → plain paragraphs. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const { document } = parseHTML(`<!doctype html><html><body>${html.replace(/<br\s*\/?>/gi, '\n')}</body></html>`);
  const blocks = [...document.querySelectorAll('p, li, div')].filter((el) => !el.querySelector('p, li, div'));
  const text = blocks.length > 0 ? blocks.map((el) => clean(el.textContent ?? '')).filter(Boolean).join('\n\n') : clean(document.body?.textContent ?? '');
  return text;
}

export interface ListingItem {
  url: string | null;
  title: string;
  date: string | null;
  text: string;
  /** "Источник информации: <url>" at the end of the item: the original it republishes. */
  originalUrl: string | null;
}

export interface ListingPage {
  items: ListingItem[];
  /** The next page of the listing (rel=next or a «Следующая»/«»» link), when there is one. */
  next: string | null;
}

const DATED_TITLE = /^(.*\p{L}.*?)\s+(\d{2}\.\d{2}\.\d{4}|\d{1,2}\s+\p{L}+\s+\d{4})\s*$/u;
const SOURCE_LINE = /Источник(?:\s+информации)?\s*:\s*(https?:\/\/\S+?)[.,;)]?\s*$/iu;

/**
 * A listing page like the newspaper section of the seed corpus: per item a heading (often ending in
 * its date), the body and «Источник информации : <url>». Items are the page's <article> elements, or
 * else the elements with class "item"/"news"/"post" that hold a heading.
 */
export function parseListing(html: string, pageUrl: string): ListingPage {
  const { document } = parseHTML(html);
  let nodes = [...document.querySelectorAll('article')];
  if (nodes.length === 0) {
    const candidates = [...document.querySelectorAll('[class*="item"], [class*="news"], [class*="post"]')].filter((el) => el.querySelector('h1, h2, h3, h4'));
    // The innermost candidates are the items; a wrapper around them is not one.
    nodes = candidates.filter((el) => !candidates.some((other) => other !== el && el.contains(other)));
  }
  const items: ListingItem[] = [];
  for (const node of nodes) {
    const heading = node.querySelector('h1, h2, h3, h4');
    const headingText = clean(heading?.textContent ?? '');
    if (!headingText) continue;
    const dated = DATED_TITLE.exec(headingText);
    const title = dated?.[1]?.trim() ?? headingText;
    const timeAttr = node.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
    const date = parseTimestamp(timeAttr) ?? parseTimestamp(dated?.[2]) ?? findDateInText(clean(node.textContent ?? '').slice(0, 200));
    const link = heading?.querySelector('a[href]')?.getAttribute('href') ?? node.querySelector('a[href]')?.getAttribute('href') ?? null;
    heading?.remove();
    node.querySelector('time')?.remove();
    const paragraphs = [...node.querySelectorAll('p, li')].map((el) => clean(el.textContent ?? '')).filter(Boolean);
    let body = (paragraphs.length > 0 ? paragraphs : [clean(node.textContent ?? '')]).join('\n\n');
    const source = SOURCE_LINE.exec(body);
    const originalUrl = source?.[1] ? canonicalUrl(source[1]) : null;
    if (source) body = body.slice(0, source.index).trim();
    items.push({ url: link ? canonicalUrl(link, pageUrl) : null, title, date, text: body, originalUrl });
  }
  return { items, next: nextPage(document, pageUrl) };
}

function nextPage(document: ReturnType<typeof parseHTML>['document'], pageUrl: string): string | null {
  const rel = document.querySelector('a[rel~="next"], link[rel~="next"]')?.getAttribute('href');
  if (rel) return canonicalUrl(rel, pageUrl);
  for (const a of document.querySelectorAll('a[href]')) {
    const text = clean(a.textContent ?? '');
    const href = a.getAttribute('href');
    if (href && /^(следующая|далее|вперёд|вперед|келесі|next)(?!\p{L})|^[»›→]$/iu.test(text)) return canonicalUrl(href, pageUrl);
  }
  return null;
}

export interface SitemapEntry {
  url: string;
  lastmod: string | null;
}

/** <urlset> entries, or for a <sitemapindex> the child sitemaps (kind 'index'). */
export function parseSitemap(xml: string, sitemapUrl: string): { kind: 'urls' | 'index'; entries: SitemapEntry[] } {
  if (XMLValidator.validate(xml) !== true) throw new ExtractError(`sitemap ${sitemapUrl}: the XML document is not well-formed`);
  const doc = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'url' || name === 'sitemap' }).parse(xml) as {
    urlset?: { url?: Array<{ loc?: string; lastmod?: string }> };
    sitemapindex?: { sitemap?: Array<{ loc?: string; lastmod?: string }> };
  };
  const kind = doc.sitemapindex ? 'index' : 'urls';
  const raw = doc.sitemapindex?.sitemap ?? doc.urlset?.url;
  if (!raw) throw new ExtractError(`sitemap ${sitemapUrl}: neither <urlset> nor <sitemapindex>`);
  const entries = raw.flatMap((e) => {
    const url = e.loc ? canonicalUrl(String(e.loc).trim(), sitemapUrl) : null;
    return url ? [{ url, lastmod: parseTimestamp(e.lastmod ? String(e.lastmod) : null) }] : [];
  });
  return { kind, entries };
}

function clean(text: string): string {
  return text.replace(/[ \t\u00a0\r\n]+/g, ' ').trim();
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
