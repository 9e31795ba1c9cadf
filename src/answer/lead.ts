/**
 * Which sentence leads an answer. The best-scored sentence with enough evidence leads, unless another with enough
 * evidence says what the question singles out and the best one does not: the end of a scale it ranks ("где больше
 * всего" → "максимальная – в Ауэзовском"), or the event whose date it asks ("Когда откроют школу?" → "Открытие школы
 * запланировано на следующий год", not "Клуб начал деятельность в 2016 году", a date of another event).
 */
import { ranksTheAskedEnd } from './degree.js';
import { holdsNear, type Candidate, type QueryTerm } from './evidence.js';
import { analyze } from '../text/analyzer.js';

/** A finite verb or an infinitive: the event a "когда" question dates ("откроют", "запустят", "достроят"). */
const VERB = /^\p{L}{3,}(?:ют|ут|ят|ат|ет|ит|ть|ти|ся)$/iu;
/** A synonym this close names the event itself ("откроют" → "открытие"). */
const EVENT_SYNONYM_WEIGHT = 0.7;

/** The query terms of the question's verbs. */
function eventTerms(question: string, query: readonly QueryTerm[]): QueryTerm[] {
  const stems = new Set((question.match(/[\p{L}-]+/gu) ?? []).filter((w) => VERB.test(w)).flatMap((w) => analyze(w)));
  return query.filter((q) => stems.has(q.term));
}

export interface LeadOptions {
  question: string;
  query: readonly QueryTerm[];
  /** The question asks a date ("когда", "в каком году"). */
  datesEvent: boolean;
  /** Whether a sentence has the evidence a lead needs; `share` of the best one's coverage at least. */
  qualifies: (c: Candidate, share: number) => boolean;
}

/** The share of the best sentence's coverage a sentence that says what is singled out needs to lead in its place. */
const SINGLED_OUT_SHARE = 0.5;

export function chooseLead(candidates: readonly Candidate[], options: LeadOptions): Candidate | undefined {
  const first = candidates.find((c) => options.qualifies(c, 0));
  if (first === undefined) return undefined;
  const events = options.datesEvent ? eventTerms(options.question, options.query) : [];
  const statesEvent = (c: Candidate) =>
    events.some((q) => holdsNear(c.terms, q.term) || q.synonyms.some((s) => s.weight >= EVENT_SYNONYM_WEIGHT && c.terms.has(s.term)));
  const singles: Array<(c: Candidate) => boolean> = [(c) => ranksTheAskedEnd(options.question, c.text)];
  if (events.length > 0) singles.push(statesEvent);
  for (const singlesOut of singles) {
    if (singlesOut(first)) continue;
    const other = candidates.find((c) => singlesOut(c) && options.qualifies(c, SINGLED_OUT_SHARE * first.coverage));
    if (other !== undefined) return other;
  }
  return first;
}
