/**
 * Inline keyboards and their callback data. Telegram caps callback_data at 64 bytes, so buttons carry
 * short keys; the data behind them (citations, answer ids) stays in the chat session.
 */
import { InlineKeyboard } from 'grammy';
import type { Citation } from '../answer/answer.js';
import type { RegionCount } from '../engine/engine.js';
import { messages } from '../texts/ru.js';
import { safeUrl, truncate } from './format.js';
import { itemAt } from '../shared/arrays.js';

export const CALLBACK_DATA_MAX_BYTES = 64;

export type CallbackAction =
  | { kind: 'fragment'; key: string; n: number }
  | { kind: 'feedback'; key: string; vote: 'up' | 'down' }
  | { kind: 'suggestion'; key: string; index: number }
  | { kind: 'example'; index: number }
  | { kind: 'region'; id: string | null };

export function encodeCallback(action: CallbackAction): string {
  switch (action.kind) {
    case 'fragment':
      return `f:${action.key}:${action.n}`;
    case 'feedback':
      return `v:${action.key}:${action.vote === 'up' ? '+' : '-'}`;
    case 'suggestion':
      return `t:${action.key}:${action.index}`;
    case 'example':
      return `e:${action.index}`;
    case 'region':
      return `r:${action.id ?? ''}`;
  }
}

export function decodeCallback(data: string): CallbackAction | null {
  let m = /^f:([\w-]+):(\d+)$/.exec(data);
  if (m) return { kind: 'fragment', key: itemAt(m, 1), n: Number(m[2]) };
  m = /^v:([\w-]+):([+-])$/.exec(data);
  if (m) return { kind: 'feedback', key: itemAt(m, 1), vote: m[2] === '+' ? 'up' : 'down' };
  m = /^t:([\w-]+):(\d+)$/.exec(data);
  if (m) return { kind: 'suggestion', key: itemAt(m, 1), index: Number(m[2]) };
  m = /^e:(\d+)$/.exec(data);
  if (m) return { kind: 'example', index: Number(m[1]) };
  m = /^r:(.*)$/.exec(data);
  if (m) return { kind: 'region', id: m[1] || null };
  return null;
}

const fits = (data: string) => Buffer.byteLength(data, 'utf8') <= CALLBACK_DATA_MAX_BYTES;

export interface AnswerKeyboardOptions {
  /** Session key of the answer; without it only URL buttons are shown (inline mode). */
  key?: string;
  withFeedback: boolean;
  /** Topics offered after a refusal, one button each that asks it (needs `key`: the titles stay in the session). */
  suggestions?: readonly string[];
}

export type KeyboardCitation = Pick<Citation, 'n' | 'title' | 'url' | 'source'>;

/** Button text limit we keep to: Telegram shows about this much of a button on a phone. */
const SUGGESTION_BUTTON_CHARS = 60;

/**
 * URL button per cited source, "📄 Фрагмент n" per citation, a button per suggested topic (after a
 * refusal), then 👍 / 👎. Undefined when empty.
 */
export function answerKeyboard(citations: KeyboardCitation[], options: AnswerKeyboardOptions): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  let rows = 0;
  const seen = new Set<string>();
  for (const c of citations) {
    const url = safeUrl(c.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    keyboard.url(`🔗 [${c.n}] ${truncate(c.title || c.source, 40)}`, url).row();
    rows++;
  }
  const { key } = options;
  if (key !== undefined) {
    citations.forEach((c, i) => {
      keyboard.text(messages.fragmentButton(c.n), encodeCallback({ kind: 'fragment', key, n: c.n }));
      if (i % 3 === 2) keyboard.row();
    });
    if (citations.length > 0) {
      keyboard.row();
      rows++;
    }
    (options.suggestions ?? []).forEach((title, index) => {
      keyboard.text(messages.suggestionButton(truncate(title, SUGGESTION_BUTTON_CHARS)), encodeCallback({ kind: 'suggestion', key, index })).row();
      rows++;
    });
    if (options.withFeedback) {
      keyboard
        .text('👍', encodeCallback({ kind: 'feedback', key, vote: 'up' }))
        .text('👎', encodeCallback({ kind: 'feedback', key, vote: 'down' }));
      rows++;
    }
  }
  return rows > 0 ? keyboard : undefined;
}

export function examplesKeyboard(examples: readonly string[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  examples.forEach((q, index) => keyboard.text(q, encodeCallback({ kind: 'example', index })).row());
  return keyboard;
}

/** Regions with the most articles first; ids too long for callback data are skipped. */
export function regionKeyboard(regions: RegionCount[], withReset: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const sorted = [...regions].sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name, 'ru'));
  let inRow = 0;
  for (const r of sorted) {
    const data = encodeCallback({ kind: 'region', id: r.id });
    if (!fits(data)) continue;
    keyboard.text(`${r.name} (${r.articles})`, data);
    if (++inRow % 2 === 0) keyboard.row();
  }
  if (withReset) keyboard.row().text(`✖️ ${messages.regionReset}`, encodeCallback({ kind: 'region', id: null }));
  return keyboard;
}
