/**
 * Pure rendering of answers as Telegram HTML, and splitting of long HTML into messages that Telegram
 * accepts: never inside a tag, an entity or a link, with formatting tags closed and reopened at the cut.
 */
import type { Answer, Citation } from '../answer/answer.js';
import { escapeHtml } from '../texts/html.js';
import { itemAt } from '../shared/arrays.js';
import type { ArticleSummary } from '../engine/engine.js';
import { formatDateRu, messages } from '../texts/ru.js';

export const TELEGRAM_TEXT_LIMIT = 4096;
const MAX_TITLE_CHARS = 200;
/** How many articles /latest and "что нового?" list. */
export const LATEST_COUNT = 5;
/** Reply options for a message of links: HTML, and no preview card of the first link. */
export const HTML_LINKS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** Only absolute http(s) URLs become links and buttons: Telegram rejects a message with any other. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Do not leave half of a surrogate pair (emoji) at the end.
  return (/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd() + '…';
}

/** A source title as HTML: a link when the citation has a usable URL. */
export function citationTitleHtml(citation: Pick<Citation, 'title' | 'url' | 'source'>): string {
  const title = escapeHtml(truncate(citation.title.trim() || citation.source, MAX_TITLE_CHARS));
  const url = safeUrl(citation.url);
  return url ? `<a href="${escapeAttribute(url)}">${title}</a>` : title;
}

/** The latest articles as /latest and "что нового?" list them: numbered linked titles with source and date. */
export function latestHtml(items: readonly ArticleSummary[]): string {
  if (items.length === 0) return messages.latestEmpty;
  const lines = items.map((a, i) => `${i + 1}. ${citationTitleHtml(a)} — ${escapeHtml(a.source)}, ${formatDateRu(a.date)}`);
  return `${messages.latestTitle}\n\n${lines.join('\n')}`;
}

function citationLine(citation: Citation): string {
  const meta = [citation.source, citation.date ? formatDateShort(citation.date) : null].filter(Boolean).join(', ');
  return `[${citation.n}] ${citationTitleHtml(citation)}${meta ? ` — ${escapeHtml(meta)}` : ''}`;
}

function formatDateShort(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export interface RenderOptions {
  /** Lines of HTML shown above the answer (e.g. "the question was trimmed"). */
  notesBefore?: string[];
  /** Lines of HTML shown below the answer (e.g. the region filter in force). */
  notesAfter?: string[];
  sourcesHeading: string;
  suggestionsHeading: string;
  /** The suggestions are buttons under the message: show only the heading (`suggestionsHeading`), not a list. */
  suggestionsAsButtons?: boolean;
}

/**
 * What the engine did to the question that the user should know, one line each: the corrected
 * reading it searched for, and regions named in the question that had nothing on it.
 */
export function readingNotesHtml(answer: Pick<Answer, 'standalone' | 'corrections' | 'relaxedRegions'>): string[] {
  const notes: string[] = [];
  if (answer.corrections.length > 0) notes.push(messages.searchedFor(answer.standalone));
  if (answer.relaxedRegions.length > 0) notes.push(messages.regionRelaxed(answer.relaxedRegions));
  return notes;
}

/** The whole reply as one HTML string: answer with [n] markers, numbered sources, or suggestions. */
export function renderAnswerHtml(answer: Answer, options: RenderOptions): string {
  const blocks: string[] = [...(options.notesBefore ?? []), readingNotesHtml(answer).join('\n')];
  blocks.push(escapeHtml(answer.answer.trim()));
  if (answer.answered && answer.citations.length > 0) {
    blocks.push(`${options.sourcesHeading}\n${answer.citations.map(citationLine).join('\n')}`);
  }
  if (!answer.answered && answer.suggestions.length > 0) {
    const items = answer.suggestions.map((s) => `• ${escapeHtml(truncate(s, MAX_TITLE_CHARS))}`).join('\n');
    blocks.push(options.suggestionsAsButtons ? options.suggestionsHeading : `${options.suggestionsHeading}\n${items}`);
  }
  blocks.push(...(options.notesAfter ?? []));
  return blocks.filter((b) => b.length > 0).join('\n\n');
}

interface OpenTag {
  name: string;
  raw: string;
}

interface Cut {
  pos: number;
  /** 4 paragraph, 3 line, 2 sentence end, 1 word, 0 any character. */
  rank: number;
  stack: readonly OpenTag[];
}

/** Every position where HTML may be cut, with the tags open there. Never inside a tag or an entity. */
function scanCuts(html: string): Cut[] {
  const cuts: Cut[] = [];
  let stack: readonly OpenTag[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = itemAt(html, i);
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end === -1) break;
      const raw = html.slice(i, end + 1);
      const m = /^<(\/?)([a-zA-Z-]+)/.exec(raw);
      if (m) {
        const name = itemAt(m, 2).toLowerCase();
        if (m[1]) {
          const at = stack.map((t) => t.name).lastIndexOf(name);
          if (at !== -1) stack = stack.slice(0, at);
        } else if (!raw.endsWith('/>')) {
          stack = [...stack, { name, raw }];
        }
      }
      i = end + 1;
      continue;
    }
    if (i > 0) cuts.push({ pos: i, rank: rankAt(html, i), stack });
    if (ch === '&') {
      const end = html.indexOf(';', i);
      i = end === -1 || end - i > 10 ? i + 1 : end + 1;
      continue;
    }
    i += 1;
  }
  return cuts;
}

function rankAt(html: string, pos: number): number {
  const ch = itemAt(html, pos);
  const prev = itemAt(html, pos - 1);
  if (ch === '\n' && html[pos + 1] === '\n') return 4;
  if (ch === '\n') return 3;
  if (/\s/.test(ch)) return /[.!?…;:]/.test(prev) ? 2 : 1;
  // The low half of a surrogate pair must stay with its high half.
  if (/[\udc00-\udfff]/.test(ch)) return -1;
  return 0;
}

const closers = (stack: readonly OpenTag[]) => [...stack].reverse().map((t) => `</${t.name}>`).join('');
const openers = (stack: readonly OpenTag[]) => stack.map((t) => t.raw).join('');
const inLink = (stack: readonly OpenTag[]) => stack.some((t) => t.name === 'a');

/**
 * Splits HTML into parts of at most `limit` characters (raw HTML length, which bounds what Telegram
 * counts). Prefers paragraph, then line, sentence and word borders; never cuts a link.
 */
export function splitHtml(html: string, limit: number = TELEGRAM_TEXT_LIMIT): string[] {
  const text = html.trim();
  if (text.length <= limit) return text.length > 0 ? [text] : [];
  const cuts = scanCuts(text);
  const parts: string[] = [];
  let start = 0;
  let startStack: readonly OpenTag[] = [];
  let from = 0; // index into cuts of the first cut after `start`
  while (start < text.length) {
    const prefix = openers(startStack);
    if (prefix.length + text.length - start <= limit) {
      parts.push(prefix + text.slice(start));
      break;
    }
    while (from < cuts.length && itemAt(cuts, from).pos <= start) from++;
    const cut = chooseCut(cuts, from, start, prefix.length, limit);
    if (!cut) throw new Error(`format: cannot split HTML at limit ${limit} near offset ${start}`);
    parts.push(prefix + text.slice(start, cut.pos).trimEnd() + closers(cut.stack));
    start = cut.pos;
    while (start < text.length && /\s/.test(itemAt(text, start))) start++;
    startStack = cut.stack;
  }
  return parts.filter((p) => p.replace(/<[^>]*>/g, '').trim().length > 0);
}

function chooseCut(cuts: Cut[], from: number, start: number, prefixLength: number, limit: number): Cut | undefined {
  const fitting: Cut[] = [];
  for (let k = from; k < cuts.length; k++) {
    const c = itemAt(cuts, k);
    if (prefixLength + c.pos - start > limit) break;
    if (c.rank >= 0 && prefixLength + c.pos - start + closers(c.stack).length <= limit) fitting.push(c);
  }
  const outsideLinks = fitting.filter((c) => !inLink(c.stack));
  // A link longer than a whole message cannot stay whole; only then is it cut.
  const pool = outsideLinks.length > 0 ? outsideLinks : fitting;
  // A higher-ranked border wins unless it would leave the part less than a quarter full.
  const minEnd = start + limit / 4;
  for (let rank = 4; rank >= 0; rank--) {
    const best = pool.findLast((c) => c.rank === rank && c.pos >= minEnd);
    if (best) return best;
  }
  return pool.at(-1);
}
