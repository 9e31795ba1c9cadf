import { analyze, tokenize } from '../text/analyzer.js';
import { monthNumber } from '../text/dates.js';
import type { QueryTerm } from './evidence.js';
import { factSpans, type QuestionType } from './question-type.js';
import { YEAR_ONLY } from './fact-kinds.js';
import { itemAt } from '../shared/arrays.js';

/** Cuts an over-long sentence to the window holding most question words (and wanted facts), marking the cuts. */
export function clipSentence(sentence: string, query: QueryTerm[], maxChars: number, type: QuestionType = 'что', question = ''): string {
  if (sentence.length <= maxChars) return sentence;
  const wanted = new Set(query.flatMap((q) => [q.term, ...q.synonyms.map((s) => s.term)]));
  const words = [...sentence.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index ?? 0 }));
  // The asked fact itself (a name for "кто", a number for "сколько"): a window of the question's words
  // without it answers nothing, so a window holding one beats any other; then the most question words.
  const facts = factSpans(type, sentence, question);
  const hits = words.map((w) => (analyze(w.text).some((t) => wanted.has(t)) ? 1 : 0));
  let best = { from: 0, to: 0, hits: -1 };
  for (let from = 0; from < words.length; from++) {
    let to = from;
    let count = 0;
    const start = itemAt(words, from).start;
    while (to < words.length && itemAt(words, to).start + itemAt(words, to).text.length - start <= maxChars - 2) {
      count += itemAt(hits, to);
      to++;
    }
    const end = to > from ? itemAt(words, to - 1).start + itemAt(words, to - 1).text.length : start;
    const whole = facts.some(([a, b]) => a >= start && b <= end);
    const score = count + (whole ? words.length : 0);
    if (score > best.hits) best = { from, to, hits: score };
  }
  const first = itemAt(words, best.from);
  const last = itemAt(words, Math.max(best.from, best.to - 1));
  const body = sentence.slice(first.start, last.start + last.text.length);
  return `${best.from > 0 ? '…' : ''}${body}${best.to < words.length ? '…' : ''}`;
}

/** Room a marker " [n]" and the joining space take. */
const MARKER_ROOM = 6;
/** Below this a clipped sentence says too little to be worth quoting. */
const MIN_CLIP = 150;

/**
 * Fits the chosen sentences into the answer budget in order of importance: each may use what
 * is left after reserving MIN_CLIP for every later one; one that no longer fits becomes null, so
 * the result stays aligned with the input (each sentence keeps its own source).
 */
export function fitToBudget(sentences: string[], query: QueryTerm[], type: QuestionType, maxChars: number, question = ''): Array<string | null> {
  const out: Array<string | null> = [];
  let remaining = maxChars;
  sentences.forEach((sentence, i) => {
    const later = sentences.length - 1 - i;
    const cap = remaining - MARKER_ROOM - later * (MIN_CLIP + MARKER_ROOM);
    const room = Math.max(cap, remaining - MARKER_ROOM);
    if (room < MIN_CLIP && sentence.length > room) {
      out.push(null);
      return;
    }
    const text = clipSentence(sentence, query, Math.min(sentence.length, Math.max(cap, MIN_CLIP), room), type, question);
    out.push(text);
    remaining -= text.length + MARKER_ROOM;
  });
  return out;
}

/** What a synonym of a new word counts for, against the word itself (1). */
const SYNONYM_SHARE = 0.5;
/** Where a sentence's clauses part: a comma (not inside a number, "3,3"), a semicolon. */
const CLAUSE_BREAK = /(?<!\d),\s+|,(?!\d)\s*|;\s+/g;
/** Where a clause's phrases part: before a preposition ("… 31 проекта | по строительству … | на общую сумму 388,8 млрд"). */
const PHRASE_BREAK = /\s+(?=(?:на|в|во|до|по|для|за|из|от|при|с|со)\s)/giu;
/** A clause that refers back to a noun of the clause before it: "из которых", "которые", "в том числе", "из них". */
const RELATIVE_OPENING = /^\s*(?:(?:из|в|на|с|у|для|по|среди)\s+)?(?:котор\p{L}*|них|их\s+числе|том\s+числе|чьих|чей|чья)(?![\p{L}])/iu;
/** A figure of a clause: a number that is not a year alone. */
const FIGURE = /\d+(?:[.,]\d+)?/g;
/** The score of a clause without a figure: never kept for itself, never a reason to cut. */
const NO_FIGURE = Number.NEGATIVE_INFINITY;
/** A month named in words ("с марта по май") is a figure as much as a number is; a year is one when a date is asked. */
const holdsFigure = (clause: string, years: boolean) =>
  [...clause.matchAll(FIGURE)].some((m) => years || !YEAR_ONLY.test(m[0])) || tokenize(clause).some((w) => monthNumber(w) !== undefined);

/**
 * A follow-up's answer sentence often lists the previous answer's figure beside the asked one ("600 камер
 * до конца года, 400 – в 2020 году" for "а в 2020-м?"). When the sentence's clauses with figures split
 * into some that hold the follow-up's new words and some that hold none, the answer quotes the former,
 * marking the cut: "…400 – в 2020 году." Otherwise the sentence stays whole. `dropped`: words the previous
 * question had and this one left out ("прошлом" in "а в этом году?" after "…в прошлом году?"); a clause
 * that holds one is the old answer. `datesAsked`: the follow-up asks when ("а когда начали строить?"), so a year is
 * a figure like any other ("Работы начались в августе прошлого года, а к 2028 году станция…" parts in two). `told`: the
 * previous answer; a sentence of one clause is cut by its phrases only to leave out a figure it told.
 */
export function focusOnNew(
  sentence: string,
  fresh: QueryTerm[],
  holds: (q: QueryTerm, terms: ReadonlySet<string>) => boolean,
  dropped: ReadonlySet<string> = new Set(),
  datesAsked = false,
  told = '',
): string {
  if (fresh.length === 0 && dropped.size === 0) return sentence;
  // The told answer's citation markers ("[1]") are no figures.
  const toldFigures = new Set(told.replace(/\[\d+\]/g, ' ').match(FIGURE) ?? []);
  const byClause = cutToNew(sentence, CLAUSE_BREAK, fresh, holds, dropped, datesAsked, toldFigures);
  if (byClause !== sentence) return byClause;
  // One clause with both figures ("…реализация 31 проекта … на общую сумму 388,8 млрд тенге"): its phrases part it.
  // Only to leave out a figure already told ("31 проекта"): a range ("от 300 тысяч до 1,5 миллиона") stays whole.
  if (!(sentence.match(FIGURE) ?? []).some((f) => toldFigures.has(f) && !YEAR_ONLY.test(f))) return sentence;
  // The phrase before the kept one stays as its context when it holds no figure ("…по строительству новых птицефабрик
  // на общую сумму 388,8 млрд тенге"): a bare "на сумму 8,6 млрд" would not say what it is for.
  return cutToNew(sentence, PHRASE_BREAK, fresh, holds, dropped, datesAsked, toldFigures, true);
}

function cutToNew(
  sentence: string,
  breaks: RegExp,
  fresh: QueryTerm[],
  holds: (q: QueryTerm, terms: ReadonlySet<string>) => boolean,
  dropped: ReadonlySet<string>,
  datesAsked: boolean,
  toldFigures: ReadonlySet<string>,
  withContext = false,
): string {
  const clauses: Array<{ text: string; start: number; end: number }> = [];
  let at = 0;
  for (const m of sentence.matchAll(breaks)) {
    clauses.push({ text: sentence.slice(at, m.index), start: at, end: m.index ?? at });
    at = (m.index ?? at) + m[0].length;
  }
  clauses.push({ text: sentence.slice(at), start: at, end: sentence.length });
  // A new word itself counts over its synonyms: "врачей" is in "400 врачей", its synonym "медицинских" elsewhere.
  const score = (text: string) => {
    const terms = new Set(analyze(text));
    const old = [...dropped].some((t) => terms.has(t)) ? -1 : 0;
    return old + fresh.reduce((sum, q) => sum + (terms.has(q.term) ? 1 : holds(q, terms) ? SYNONYM_SHARE : 0), 0);
  };
  const valued = clauses.map((c) => ({ ...c, fresh: holdsFigure(c.text, datesAsked) ? score(c.text) : NO_FIGURE }));
  const top = Math.max(...valued.map((c) => c.fresh));
  // When no clause holds a new word, the clauses that hold no old one are what is new.
  // Phrases are cut only for a new word they hold: a phrase without one ("В Наурызбайском районе | с контингентом …") is no answer.
  const on = valued.filter((c) => c.fresh === top && (c.fresh > 0 || (c.fresh === 0 && dropped.size > 0 && !withContext)));
  if (on.length === 0 || !valued.some((c) => c.fresh !== NO_FIGURE && c.fresh < top)) return sentence;
  const first = valued.indexOf(itemAt(on, 0));
  const before = valued[first - 1];
  // "…, из которых 866 являются частными" says of what only with the clause before it: a cut does not part them,
  // unless that clause is what the previous answer told ("…131 сельский округ, в которых 122 акима…" after "131").
  const toldBefore = (before?.text.match(FIGURE) ?? []).some((f) => toldFigures.has(f));
  const relative = RELATIVE_OPENING.test(itemAt(on, 0).text) && !toldBefore;
  const from = before !== undefined && ((withContext && before.fresh === NO_FIGURE) || relative) ? before : itemAt(on, 0);
  const to = itemAt(on, on.length - 1);
  // Clauses without figures between the kept ones stay: the cut is one stretch of the sentence.
  const body = sentence.slice(from.start, to.end).trim();
  return `${from.start > 0 ? '…' : ''}${body}${to.end < sentence.length ? '…' : ''}`;
}
