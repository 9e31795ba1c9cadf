import { DeletionIndex, deletions } from './deletion-index.js';
import type { ChatSpelling } from './lexicon.js';
import { latinReadings } from './transliteration.js';

/**
 * Question-word correction against the words the index holds. Pure: the vocabulary and the chat
 * spellings are passed in; nothing is read here.
 *
 * For each word, in order:
 *   1. a word in quotes, a number (any digit) or a word the vocabulary knows (ё read as е) is kept;
 *   2. Latin letters typed on the Russian keyboard ("crjkmrj") become Cyrillic ("сколько") when the
 *      result is a known word, or when the whole message is in Latin letters and most of its words
 *      turn into known words;
 *   3. chat spellings and shortenings ("скока", "щас", "обл.", "г. Алматы") become standard words;
 *   4. a word of 4+ letters whose Latin reading the vocabulary knows becomes it ("дарын" → "daryn": names
 *      the news write in Latin letters);
 *   5. words of 4+ letters are corrected to the most frequent vocabulary word within an edit
 *      distance scaled to their length (1 for 4–7 letters, 2 for 8+; a swap of two letters counts 1).
 * The result carries every change, so the bot can say what it searched for («Искал: …»).
 */

export interface Vocabulary {
  /** Whether the index holds this surface form (lower case, ё as е). */
  has(term: string): boolean;
  /** How often the form occurs in the index (any monotone count). */
  freq(term: string): number;
  terms(): Iterable<string>;
}

export type CorrectionReason = 'layout' | 'chat' | 'typo' | 'latin';

export interface Change {
  /** The word as the user wrote it. */
  from: string;
  /** What replaced it (may be several words: "нехватает" → "не хватает"). */
  to: string;
  reason: CorrectionReason;
}

export interface Correction {
  text: string;
  changes: Change[];
}

export interface SpellingOptions {
  /** Chat spellings → standard words (src/text/lexicon.ts parseChat). */
  chat?: ReadonlyMap<string, ChatSpelling>;
  /** Words shorter than this are never edit-corrected (default 4). */
  minLength?: number;
  /**
   * The index's stemmer (analyzer.stem). When given, a correction that only changes the ending
   * ("зарплате" → "зарплаты") is not made: retrieval already matches it, and showing it to the user
   * as a correction would be noise.
   */
  stem?: (word: string) => string;
  /**
   * Whether a message reads as another language than the vocabulary's (a Kazakh question over mostly
   * Russian news): its words are then not edit-corrected, as the nearest Russian word is no correction
   * ("неше" → "наше"). Chat spellings and the keyboard layout still apply.
   */
  foreign?: (text: string) => boolean;
  /**
   * Words never edit-corrected though the index may not hold them: function and question words
   * ("какой" is no typo of "такой", "каким" none of "аким"); correcting them changes what is asked.
   */
  keep?: (word: string) => boolean;
  /**
   * A correction from a general dictionary for a word the vocabulary has nothing near ("склько" →
   * "сколько": news rarely write question words), or undefined. Asked after the vocabulary.
   */
  dictionaryFix?: (word: string) => string | undefined;
}

export interface SpellingCorrector {
  correct(text: string): Correction;
}

/** Edit distance allowed for a word of this many letters: none up to 3, 1 up to 7, 2 from 8. */
export function maxEditDistance(length: number): number {
  return length <= 3 ? 0 : length <= 7 ? 1 : 2;
}

// Russian ЙЦУКЕН keys under the US QWERTY layout, lower case; the punctuation keys carry х ъ ж э б ю ё.
const LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const CYRILLIC_KEYS = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const LAYOUT = new Map<string, string>([...LATIN_KEYS].map((c, i) => [c, CYRILLIC_KEYS[i] as string]));
// Shifted punctuation keys: { } : " < > ~
for (const [c, r] of [['{', 'х'], ['}', 'ъ'], [':', 'ж'], ['"', 'э'], ['<', 'б'], ['>', 'ю'], ['~', 'ё']] as const) LAYOUT.set(c, r);

/** "crjkmrj" → "сколько": each key read on the Russian layout; case kept per letter. */
export function fromLatinLayout(word: string): string {
  let out = '';
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const mapped = LAYOUT.get(lower);
    out += mapped === undefined ? ch : ch === lower ? mapped : mapped.toUpperCase();
  }
  return out;
}

function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

function withCaseOf(original: string, replacement: string): string {
  const first = original[0] ?? '';
  return first !== first.toLowerCase() ? (replacement[0] ?? '').toUpperCase() + replacement.slice(1) : replacement;
}

/** Optimal string alignment distance (a swap of neighbours is one edit), or max + 1 once it exceeds max. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prevPrev[j - 2] as number) + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[n] as number, max + 1);
}

// A word: letters/digits, inner hyphens; Latin runs may hold the punctuation keys that type х ъ ж э б ю.
const TOKEN = /[A-Za-z[\]{};:'"<>,.`~]*[A-Za-z][A-Za-z[\]{};:'"<>,.`~]*|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const LATIN_RUN = /^[A-Za-z[\]{};:'"<>,.`~]+$/;
const LATIN_LETTER = /[A-Za-z]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const DIGIT = /\p{N}/u;
/** A number typed together with its unit or the year's shortening ("в 2020г", "5км", "2024ж"): two words. */
const GLUED_UNIT = /^(\d+(?:[.,]\d+)?)(гг?|км|кг|га|тыс|млн|млрд|трлн|тг|шт|чел|мин|ж)$/iu;
/** Russian adjective endings, full forms only ("алматинской", "центральная"). */
const ADJECTIVE_END = /\p{L}{3,}(?:ой|ая|ую|ом|ый|ий|ого|ему|ому|ых|их)$/iu;
/** The word for oblast, in full, shortened or in Kazakh: what a clipped oblast adjective ("алм обл") stands before. */
const OBLAST_WORD = /^(?:обл|област\p{L}*|облыс\p{L}*)$/iu;
const QUOTED = /«[^»]*»|"[^"]*"|“[^”]*”|„[^“”]*[“”]/g;
/** Share of a Latin-only message's words that must become known words before all of it is re-read as Cyrillic. */
const LAYOUT_MESSAGE_SHARE = 0.5;
/** Chat clips long words ("водохр", "газифик"): a clip this long, at least this much shorter than the word. */
const MIN_CLIP = 5;
const MIN_CLIPPED_OFF = 2;

interface Token {
  start: number;
  end: number;
  word: string;
}

export function createSpellingCorrector(vocabulary: Vocabulary, options: SpellingOptions = {}): SpellingCorrector {
  const chat = options.chat ?? new Map<string, ChatSpelling>();
  const minLength = options.minLength ?? 4;
  const words: string[] = [];
  for (const term of vocabulary.terms()) {
    const word = normalizeWord(term);
    if (word.length >= 3 && !DIGIT.test(word)) words.push(word);
  }
  const index = new DeletionIndex(words);
  const standardForms = new Set([...chat.values()].map((c) => c.standard));

  const knows = (word: string) => {
    const norm = normalizeWord(word);
    return vocabulary.has(norm) || vocabulary.has(word.toLowerCase());
  };

  /** The most frequent vocabulary word within the allowed distance, or undefined. */
  function nearest(word: string): string | undefined {
    const max = maxEditDistance(word.length);
    if (max === 0 || word.length < minLength) return undefined;
    const ids = new Set<number>();
    index.lookup(word, ids);
    const first = deletions(word);
    for (const d of first) index.lookup(d, ids);
    if (max >= 2) for (const d of first) for (const dd of deletions(d)) index.lookup(dd, ids);
    let best: string | undefined;
    let bestDistance = max + 1;
    let bestFreq = -1;
    for (const id of ids) {
      const candidate = words[id] as string;
      const distance = boundedDistance(word, candidate, max);
      if (distance > max) continue;
      const freq = vocabulary.freq(candidate);
      if (distance < bestDistance || (distance === bestDistance && freq > bestFreq)) {
        best = candidate;
        bestDistance = distance;
        bestFreq = freq;
      }
    }
    return best;
  }

  /**
   * The Cyrillic reading of a Latin run when it is a known word. Punctuation at the edges may be
   * sentence punctuation or quotes typed as such ("ghbdtn," = "привет,") or letters on the Russian
   * layout ("'nj" = "это"): each trim is tried, the whole run first.
   */
  function layoutWord(token: string): { word: string; skip: number; length: number } | undefined {
    const lead = /^["'<]+/.exec(token)?.[0].length ?? 0;
    const trail = /[.,;:"'>]+$/.exec(token)?.[0].length ?? 0;
    const trims: Array<[number, number]> = [[0, 0], [0, trail], [lead, 0], [lead, trail]];
    for (const [skip, cut] of trims) {
      const candidate = token.slice(skip, token.length - cut);
      if (!LATIN_LETTER.test(candidate)) continue;
      const converted = fromLatinLayout(candidate);
      const norm = normalizeWord(converted);
      // A general dictionary word counts too ("vfksitq" → "малышей", which the news may not use); from five
      // letters, as a short English word may read as a Russian one ("here" → "руку").
      const inDictionary = norm.length >= 5 && (options.keep?.(norm) ?? false);
      if (knows(converted) || standardForms.has(norm) || chat.has(norm) || inDictionary) return { word: converted, skip, length: candidate.length };
    }
    return undefined;
  }

  /** A Latin run read on the Russian layout without checking the result, edge punctuation left as typed. */
  function layoutAnyway(token: string): { word: string; skip: number; length: number } {
    const skip = /^["'<]+/.exec(token)?.[0].length ?? 0;
    const inner = token.slice(skip).replace(/[.,;:"'>]+$/, '');
    return { word: fromLatinLayout(inner), skip, length: inner.length };
  }

  /** A typo fix, unless it only changes the ending (when the index's stemmer is known). */
  function typoFix(word: string): string | undefined {
    const norm = normalizeWord(word);
    const near = nearest(norm);
    if (near === undefined || (options.stem && options.stem(near) === options.stem(norm))) return undefined;
    return withCaseOf(word, near);
  }

  /** A name the news writes in Latin letters, typed in Cyrillic ("дарын" → "daryn"): the most frequent known reading. */
  function latinFix(word: string): string | undefined {
    const norm = normalizeWord(word);
    if (norm.length < minLength) return undefined;
    let best: string | undefined;
    for (const reading of latinReadings(norm)) if (vocabulary.has(reading) && (best === undefined || vocabulary.freq(reading) > vocabulary.freq(best))) best = reading;
    return best;
  }

  let sorted: string[] | undefined;
  /** The word a chat clip starts ("водохр" → "водохранилища"), when every vocabulary word it starts is a form of one word. */
  function completion(word: string): string | undefined {
    const norm = normalizeWord(word);
    // Without the index's stemmer the forms of one word cannot be told from other words.
    const stem = options.stem;
    if (norm.length < MIN_CLIP || stem === undefined) return undefined;
    sorted ??= [...new Set(words)].sort();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as string) < norm) lo = mid + 1;
      else hi = mid;
    }
    let best: string | undefined;
    let stemmed: string | undefined;
    for (let i = lo; i < sorted.length && (sorted[i] as string).startsWith(norm); i++) {
      const candidate = sorted[i] as string;
      if (candidate.length < norm.length + MIN_CLIPPED_OFF) continue;
      const own = stem(candidate);
      if (stemmed !== undefined && own !== stemmed) return undefined;
      stemmed = own;
      if (best === undefined || vocabulary.freq(candidate) > vocabulary.freq(best)) best = candidate;
    }
    return best === undefined ? undefined : withCaseOf(word, best);
  }

  /** The general dictionary's correction, in the word's own case. */
  function dictionaryFix(word: string): string | undefined {
    const fixed = options.dictionaryFix?.(normalizeWord(word));
    return fixed === undefined ? undefined : withCaseOf(word, fixed);
  }

  /** The token follows an adjective in the same phrase ("алматинской обл", "центральной ул"). */
  function afterAdjective(tokens: Token[], i: number, text: string): boolean {
    const prev = tokens[i - 1];
    const token = tokens[i] as Token;
    return prev !== undefined && ADJECTIVE_END.test(prev.word) && /^\s+$/.test(text.slice(prev.end, token.start));
  }

  function chatForm(tokens: Token[], i: number, text: string): { to: string; end: number } | undefined {
    const token = tokens[i] as Token;
    const entry = chat.get(normalizeWord(token.word));
    if (!entry) return undefined;
    const dotted = text[token.end] === '.';
    const next = tokens[i + 1];
    const nameFollows = next !== undefined && /^\p{Lu}/u.test(next.word) && /^[\s.]*$/.test(text.slice(token.end, next.start));
    switch (entry.when) {
      case 'always':
        // Only the news' own spelling is kept: "которий" shares its stem with the news' "которого", but no news writes it.
        return vocabulary.freq(normalizeWord(token.word)) > 0 ? undefined : { to: entry.standard, end: token.end };
      case 'dot':
        if (dotted) return { to: entry.standard, end: token.end + 1 };
        // Chat drops the dot: after an adjective the shortening is still unmistakable ("алматинской обл").
        return afterAdjective(tokens, i, text) ? { to: entry.standard, end: token.end } : undefined;
      case 'name':
        return nameFollows ? { to: entry.standard, end: dotted ? token.end + 1 : token.end } : undefined;
      case 'oblast': {
        if (next === undefined || !OBLAST_WORD.test(next.word) || !/^[\s.]*$/.test(text.slice(token.end, next.start))) return undefined;
        // The shortened oblast word goes with it ("алм обл." → "алматинской области"); a full one stays as written.
        const shortened = normalizeWord(next.word) === 'обл';
        const end = shortened && text[next.end] === '.' ? next.end + 1 : next.end;
        return { to: `${entry.standard} ${shortened ? 'области' : next.word}`, end };
      }
    }
  }

  return {
    correct(text: string): Correction {
      const quoted: Array<[number, number]> = [];
      for (const m of text.matchAll(QUOTED)) quoted.push([m.index, m.index + m[0].length]);
      const inQuotes = (pos: number) => quoted.some(([s, e]) => pos > s && pos < e);

      const tokens: Token[] = [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }));

      // A message typed entirely on the wrong layout: re-read every Latin word if most become known.
      const latinOnly = !CYRILLIC.test(text) && tokens.some((t) => LATIN_LETTER.test(t.word));
      let wholeLayout = false;
      if (latinOnly) {
        // A capitalised word that reads as nothing is a Latin name: it neither counts for nor against the layout.
        const latin = tokens.filter((t) => LATIN_RUN.test(t.word) && !knows(t.word) && (!/^\p{Lu}/u.test(t.word) || layoutWord(t.word) !== undefined));
        const converted = latin.filter((t) => layoutWord(t.word) !== undefined).length;
        wholeLayout = latin.length > 0 && converted / latin.length >= LAYOUT_MESSAGE_SHARE;
      }

      const typos = !(options.foreign?.(text) ?? false);
      const changes: Change[] = [];
      let out = '';
      let cursor = 0;
      for (let i = 0; i < tokens.length; i++) {
        const token = { ...(tokens[i] as Token) };
        if (token.start < cursor) continue;
        let word = token.word;
        let reason: CorrectionReason | undefined;
        let latin: string | undefined;

        if (LATIN_RUN.test(word) && !knows(word)) {
          // A capitalised word that reads as no known word on the Russian layout is a Latin name ("Qoldau"), kept.
          const layout = layoutWord(word) ?? (wholeLayout && !/^\p{Lu}/u.test(word) ? layoutAnyway(word) : undefined);
          if (layout) {
            token.start += layout.skip;
            token.end = token.start + layout.length;
            word = layout.word;
            reason = 'layout';
          }
        }
        const glued = inQuotes(token.start) ? null : GLUED_UNIT.exec(word);
        if (glued) {
          out += text.slice(cursor, token.start) + `${glued[1]} ${glued[2]}`;
          cursor = token.end;
          changes.push({ from: word, to: `${glued[1]} ${glued[2]}`, reason: 'chat' });
          continue;
        }
        if (inQuotes(token.start) || DIGIT.test(word)) continue;
        let end = token.end;

        if (reason === 'layout') {
          // The re-read word may itself be a chat spelling ("crjrf" → "скока") or a typo.
          const entry = knows(word) ? undefined : chat.get(normalizeWord(word));
          if (entry?.when === 'always') word = entry.standard;
          // A word the general dictionary knows is what was typed ("ghjwtynjd" is "процентов", not the index's "проектов").
          else if (!knows(word) && !(options.keep?.(normalizeWord(word)) ?? false)) word = typoFix(word) ?? word;
        } else if (!LATIN_LETTER.test(word)) {
          const chatted = chatForm(tokens, i, text);
          if (chatted) {
            word = withCaseOf(token.word, chatted.to);
            end = chatted.end;
            reason = 'chat';
          } else if ((latin = knows(word) ? undefined : latinFix(word)) !== undefined) {
            word = latin;
            reason = 'latin';
          } else if (typos && !knows(word) && !(options.keep?.(normalizeWord(word)) ?? false)) {
            const fixed = typoFix(word) ?? dictionaryFix(word);
            const completed = fixed === undefined ? completion(word) : undefined;
            if (fixed !== undefined || completed !== undefined) {
              word = fixed ?? (completed as string);
              reason = fixed !== undefined ? 'typo' : 'chat';
            }
          }
        }
        if (reason === undefined) continue;
        const from = text.slice(token.start, end);
        out += text.slice(cursor, token.start) + word;
        cursor = end;
        changes.push({ from, to: word, reason });
      }
      out += text.slice(cursor);
      return { text: out, changes };
    },
  };
}
