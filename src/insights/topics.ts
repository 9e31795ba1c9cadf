/**
 * Groups questions the bot could not answer by their key terms, so a press service sees "паводки —
 * 14 вопросов" rather than 14 separate lines. Pure and deterministic: each question joins the group
 * of its most shared content stem (shared among the questions given), and a group is named by the
 * word forms citizens used most for its one or two commonest stems.
 */
import { isStopword, stem, tokenize } from '../text/analyzer.js';

export interface Topic {
  /** Human-readable key terms, e.g. "паводки, компенсация". */
  label: string;
  /** The stem the group was formed on. */
  key: string;
  count: number;
  /** The questions, most recent order as given. */
  questions: string[];
}

/** Short words and numbers are rarely what a question is about. */
const MIN_TERM_CHARS = 4;
const OTHER = '(без ключевых слов)';

interface Analysed {
  text: string;
  /** stem → the word form used */
  terms: Map<string, string>;
}

function analyseQuestion(text: string): Analysed {
  const terms = new Map<string, string>();
  for (const word of tokenize(text)) {
    if (word.length < MIN_TERM_CHARS || isStopword(word) || /^\p{N}+$/u.test(word)) continue;
    const s = stem(word);
    if (!terms.has(s)) terms.set(s, word);
  }
  return { text, terms };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

export function groupByTopic(questions: string[]): Topic[] {
  const analysed = questions.map(analyseQuestion);
  const df = new Map<string, number>();
  for (const q of analysed) for (const s of q.terms.keys()) df.set(s, (df.get(s) ?? 0) + 1);
  // Most shared first; among equals the longer stem, which is usually the more specific word.
  const rank = (a: string, b: string) => (df.get(b) ?? 0) - (df.get(a) ?? 0) || b.length - a.length || a.localeCompare(b);

  const groups = new Map<string, Analysed[]>();
  for (const q of analysed) {
    const key = [...q.terms.keys()].sort(rank)[0] ?? OTHER;
    const group = groups.get(key) ?? [];
    group.push(q);
    groups.set(key, group);
  }

  const topics: Topic[] = [];
  for (const [key, members] of groups) {
    const label = key === OTHER ? OTHER : labelOf(key, members);
    topics.push({ key, label, count: members.length, questions: members.map((m) => m.text) });
  }
  return topics.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The key stem's commonest word form, and a second stem's when at least half the group (two or more) shares it. */
function labelOf(key: string, members: Analysed[]): string {
  const words = [mostCommon(members.map((m) => m.terms.get(key) ?? key))];
  if (members.length >= 2) {
    const co = new Map<string, number>();
    for (const m of members) for (const s of m.terms.keys()) if (s !== key) co.set(s, (co.get(s) ?? 0) + 1);
    const [second, n] = [...co].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];
    if (second && n >= 2 && n * 2 >= members.length) words.push(mostCommon(members.flatMap((m) => m.terms.get(second) ?? [])));
  }
  return words.join(', ');
}
