import path from 'node:path';
import type { Article, IngestWarning } from './article.js';
import { contentHash, normalizeForHash } from './hash.js';
import { fixHomoglyphs } from '../text/homoglyphs.js';
import { detectLanguage } from './language.js';
import { detectRegions } from './regions.js';
import { parseDate } from '../text/dates.js';
import { splitSentences } from '../text/sentences.js';
import { itemAt } from '../shared/arrays.js';

/**
 * Plain-text news files → articles. Layouts seen in the seed corpus (see docs/corpus-formats.md):
 * - " date YYYY-MM-DD" header, then one article;
 * - a listing page: outlet name and section, then per article a title line ending in DD.MM.YYYY
 *   and body lines, the body often ending "Источник информации : <url>";
 * - one article without title or date, ending with an author byline;
 * - a title line and a blank line, then the article.
 * Markdown files may open with a "# Heading" title.
 */

export interface ParseResult {
  articles: Article[];
  warnings: IngestWarning[];
}

/** What a parser knows about one article before cleanup; missing fields are derived by toArticle. */
export interface ArticleDraft {
  text: string;
  title?: string | null;
  date?: string | null;
  url?: string | null;
  source?: string | null;
}

const MAX_TITLE = 120;
const DATE_VALUE = '(\\d{4}-\\d{2}-\\d{2}|\\d{2}\\.\\d{2}\\.\\d{4})';
const DATE_HEADER = new RegExp(`^\\s*(?:date|дата)\\s*:?\\s*${DATE_VALUE}(?![\\d.])[ \\t]*\\n?`, 'iu');
const DATED_TITLE = new RegExp(`^(.*\\p{L}.*?)\\s+${DATE_VALUE}$`, 'u');
// Outlet and section lines above a listing are short; a long line there means running text.
const MAX_PREAMBLE_LINE = 80;
const MAX_PLAIN_TITLE = 200;
const MAX_LISTING_TITLE = 300;

export function parseTextFile(file: string, content: string): ParseResult {
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { articles: [], warnings: [{ file, reason: 'файл пуст' }] };
  const isMarkdown = file.toLowerCase().endsWith('.md');
  const listing = parseListing(isMarkdown ? stripMarkdown(text) : text);
  const drafts = listing ?? [parsePlain(text, isMarkdown)];
  const articles: Article[] = [];
  const warnings: IngestWarning[] = [];
  for (const { line, ...draft } of drafts) {
    const article = toArticle(file, draft);
    if (article) articles.push(article);
    else warnings.push({ file, ...(line === undefined ? {} : { line }), reason: 'статья без текста пропущена' });
  }
  return { articles, warnings };
}

/** Bump when parsing may give other articles or metadata for the same files: indexes then rebuild. */
export const PARSER_VERSION = 4;

/** Cleans a draft into an Article: paragraphs, source URL and byline taken out, title/source/id derived. */
export function toArticle(file: string, draft: ArticleDraft): Article | null {
  const paragraphs = toParagraphs(separateGluedUrls(draft.text));
  const sourceUrl = takeSourceUrl(paragraphs);
  const author = takeByline(paragraphs);
  if (paragraphs.length === 0) return null;
  const typed = paragraphs.join('\n\n');
  // The id stays that of the text as published, so an article read again is no new one.
  const text = fixHomoglyphs(typed);
  const title = fixHomoglyphs(clean(draft.title ?? '')) || titleFromText(text);
  return {
    id: contentHash(normalizeForHash(typed)),
    title,
    date: draft.date ?? null,
    url: draft.url ?? sourceUrl,
    source: clean(draft.source ?? '') || author || pressService(text) || sourceFromFileName(file),
    language: detectLanguage(text),
    regions: detectRegions(`${title}\n${text}`),
    text,
    file,
  };
}

type LocatedDraft = ArticleDraft & { line?: number };

/** A listing page, or null when the text does not look like one. */
function parseListing(text: string): LocatedDraft[] | null {
  const lines = text.split('\n').map((l) => l.trim());
  const starts: Array<{ index: number; title: string; date: string }> = [];
  lines.forEach((line, index) => {
    // A dated title ends in a digit; the check spares DATED_TITLE's backtracking on every body line.
    if (line.length > MAX_LISTING_TITLE || !/\d$/.test(line) || DATE_HEADER.test(line)) return;
    const m = DATED_TITLE.exec(line);
    const date = m ? parseDate(m[2] ?? '') : null;
    if (m && date) starts.push({ index, title: m[1] ?? '', date });
  });
  const first = starts[0];
  if (!first) return null;
  const preamble = lines.slice(0, first.index).filter(Boolean);
  if (preamble.some((l) => l.length > MAX_PREAMBLE_LINE)) return null;
  const source = preamble[0] ?? null;
  return starts.map(({ index, title, date }, k) => ({
    title,
    date,
    source,
    text: lines.slice(index + 1, starts[k + 1]?.index ?? lines.length).join('\n'),
    line: index + 1,
  }));
}

/** One article: optional date header, optional title line (or "# heading"), then the body. */
function parsePlain(text: string, isMarkdown: boolean): LocatedDraft {
  const dated = takeDateHeader(text);
  const titled = takeTitleLine(dated.rest);
  // The date header may also come right after the title.
  const body = dated.date === null ? takeDateHeader(titled.rest) : { date: dated.date, rest: titled.rest };
  return { title: titled.title, date: body.date, text: isMarkdown ? stripMarkdown(body.rest) : body.rest };
}

function takeDateHeader(text: string): { date: string | null; rest: string } {
  const m = DATE_HEADER.exec(text);
  const date = m ? parseDate(m[1] ?? '') : null;
  return m && date ? { date, rest: text.slice(m[0].length) } : { date: null, rest: text };
}

/** A "# heading", or a short first line followed by a blank line that does not end like a sentence. */
function takeTitleLine(text: string): { title: string | null; rest: string } {
  const m = /^\s*(?:#{1,6}[ \t]+(.+)|([^\n]+)\n[ \t]*\n)/.exec(text);
  const heading = clean(m?.[1] ?? '');
  const line = clean(m?.[2] ?? '');
  const title = heading || (line.length <= MAX_PLAIN_TITLE && !/[.,;:]$/.test(line) ? line : '');
  return m && title ? { title, rest: text.slice(m[0].length) } : { title: null, rest: text };
}

/** Headings, emphasis and links reduced to their text; one line in, one line out. */
function stripMarkdown(text: string): string {
  return text
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/**
 * Lines become paragraphs, except soft wraps: a line that does not end a sentence, followed by one
 * that starts in lower case or with a digit ("институттарының,\nірі IT-компаниялардың"), continues it.
 */
function toParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let previous: string | null = null;
  for (const raw of text.split('\n')) {
    const line = clean(raw);
    if (line === '') {
      previous = null;
      continue;
    }
    const last = paragraphs.length - 1;
    if (previous !== null && !/[.!?…:;»")]$/u.test(previous) && /^[\p{Ll}\p{N}]/u.test(line)) {
      paragraphs[last] = `${paragraphs[last]} ${line}`;
    } else {
      paragraphs.push(line);
    }
    previous = line;
  }
  return paragraphs.filter((p) => /[\p{L}\p{N}]/u.test(p));
}

/** "…/pr/10088964Согласно" → "…/pr/10088964 Согласно": a URL ends where non-ASCII letters begin. */
function separateGluedUrls(text: string): string {
  // Whole runs of printable ASCII only (a match may start only where a run starts): a URL-shaped
  // pattern tried at every "http" of a long glued run rescans the run each time, quadratic in its length.
  return text.replace(/(?<![\x21-\x7e])[\x21-\x7e]+(?![\x21-\x7e])(?=\p{L})/gu, (run) => (/https?:\/\//.test(run) ? `${run} ` : run));
}

/** Removes a closing "Источник информации : <url>" from the last paragraph and returns the URL. */
function takeSourceUrl(paragraphs: string[]): string | null {
  const last = paragraphs.length - 1;
  const m = /\s*Источник(?:\s+информации)?\s*:\s*(https?:\/\/\S+?)[.,;)]?$/iu.exec(paragraphs[last] ?? '');
  if (!m) return null;
  const rest = (paragraphs[last] ?? '').slice(0, m.index).trim();
  if (rest) paragraphs[last] = rest;
  else paragraphs.pop();
  return m[1] ?? null;
}

const BYLINE = /^(\p{Lu}\p{Ll}+)\s+(\p{Lu}{2,}(?:-\p{Lu}{2,})?)(?:\s*,\s*(?:фото|видео)[\s:].*)?$/u;
const PHOTO_CREDIT = /^(?:фото|видео)[\s:]/iu;
const MAX_BYLINE = 100;

/**
 * Removes a closing byline ("Актоты БЕКЕНКЫЗЫ,\nфото Алтынбека КАРТАБАЯ") and returns the author
 * as "Актоты Бекенкызы". A lone photo credit is removed too.
 */
function takeByline(paragraphs: string[]): string | null {
  const isShort = (p: string | undefined) => p !== undefined && p.length <= MAX_BYLINE;
  if (isShort(paragraphs.at(-1)) && PHOTO_CREDIT.test(paragraphs.at(-1) ?? '') && paragraphs.length > 1) {
    paragraphs.pop();
  }
  const last = paragraphs.at(-1);
  const m = isShort(last) && paragraphs.length > 1 ? BYLINE.exec(last ?? '') : null;
  if (!m) return null;
  paragraphs.pop();
  const surname = (m[2] ?? '').toLowerCase().replace(/(^|-)(\p{L})/gu, (_, dash: string, c: string) => dash + c.toUpperCase());
  return `${m[1]} ${surname}`;
}

/** First sentence, cut at a word border to at most 120 characters. */
function titleFromText(text: string): string {
  const sentence = (splitSentences(text)[0] ?? text).replace(/^[–—-]\s*/, '').replace(/\.$/, '');
  if (sentence.length <= MAX_TITLE) return sentence;
  const cut = sentence.slice(0, MAX_TITLE);
  const border = cut.lastIndexOf(' ');
  return `${(border > 0 ? cut.slice(0, border) : cut.slice(0, MAX_TITLE - 1)).replace(/[\s,;:–—-]+$/, '')}…`;
}

/**
 * Government releases often end by naming who issued them ("…, сообщила пресс-служба
 * Премьер-министра."): a better source for a citizen than a file name.
 */
export function pressService(text: string): string | null {
  const tail = text.slice(-300);
  const m = /сообщ\p{L}*\s+(?:в\s+)?(пресс-служб\p{L}*(?:\s+[\p{L}-]+){1,4}?)\s*\.?\s*$/iu.exec(tail);
  if (!m) return null;
  const named = itemAt(m, 1).replace(/^пресс-служб\p{L}*/iu, 'Пресс-служба');
  return named;
}

/** "akimat_news.txt" → "akimat news"; a name of numbers and hashes stays as it is, marked as a file. */
function sourceFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file));
  const words = base.split(/[_\-\s.]+/).filter((w) => w && !/^\d+$/.test(w) && !/^[0-9a-f]{8,}$/i.test(w));
  return words.length > 0 ? words.join(' ') : `файл ${file}`;
}

/** Runs of blanks but a lone space: a space in their place gives what a space for every run of blanks does. */
const BLANKS_TO_SQUEEZE = /[ \t\u00a0]{2,}|[\t\u00a0]/g;

function clean(text: string): string {
  return text.replace(BLANKS_TO_SQUEEZE, ' ').trim();
}
