import type { KazakhAffix, KazakhSlot } from './lexicon.js';

/**
 * A Kazakh stemmer driven by the ending table in data/lexicon/kk-affixes.tsv (from hunspell-kk's
 * affix file plus a few grammar-book endings; see scripts/build-lexicon.ts). Pure: the caller loads
 * the table (src/text/lexicon.ts) and passes it in.
 *
 * Kazakh stacks endings in a fixed order: stem (+ voice) (+ verb form) (+ plural) (+ possessive)
 * (+ case). The stemmer peels them from the end; at each step it takes the LONGEST ending among the
 * slots still allowed to its left, so "салынады" loses the verb ending "-ады" rather than the
 * possessive "-ы". An ending is accepted only when the stem left behind
 *   - is at least `minStem` letters and has a vowel,
 *   - ends in a letter the ending may follow (hunspell's condition, e.g. -тың after a voiceless consonant),
 *   - has its last vowel in the ending's harmony class (back а о ұ ы; front ә е ө ү і),
 * which keeps "мектеп" or "аудан" from losing letters that only look like endings. Given
 * hunspell-kk's word list, it tries every reading instead and keeps the shortest known stem (see
 * KazakhStemmerOptions.stems).
 */

/** Slots in the order they are peeled; an ending may be followed (to its right) only by a lower rank. */
const RANK: Record<KazakhSlot, number> = { case: 0, possessive: 1, plural: 2, verb: 3, derivation: 3, voice: 4 };

const BACK_VOWELS = 'аоұы';
const FRONT_VOWELS = 'әеөүі';
// у, и, ю, я, ё, э occur in both classes (and in Russian loans): they satisfy either harmony.
const NEUTRAL_VOWELS = 'уиюяёэ';
const VOWELS = BACK_VOWELS + FRONT_VOWELS + NEUTRAL_VOWELS;

const ONE_LETTER_ENDINGS = new Set(['possessive:ы', 'possessive:і', 'case:н', 'voice:л']);

/** Voiced stem-final consonants that return to their dictionary form once a vowel ending is gone (мектеб-і → мектеп). */
const DEVOICE: Record<string, string> = { б: 'п', г: 'к', ғ: 'қ' };

export interface KazakhStemmerOptions {
  /**
   * Dictionary forms (hunspell-kk's word list, data/lexicon/kk-stems.tsv). When given, the stemmer
   * tries every way of peeling the word and keeps a stem the dictionary knows (a verb stem counts as
   * known when its infinitive "stem + у" is listed), which settles облыс-ы against облы-сы. Without
   * it, or when no reading is known (names, loans), it peels the longest ending at each step.
   */
  stems?: ReadonlySet<string>;
  /** Shortest stem an ending may leave (default 3: "әкім" keeps its "-ім"). */
  minStem?: number;
  /** Most voice endings peeled after a verb ending (default 2: жүргіз-іл-етін → жүр). */
  maxVoice?: number;
}

interface Rule extends KazakhAffix {
  rank: number;
  vowelInitial: boolean;
}

export type KazakhStemmer = (word: string) => string;

interface State {
  stem: string;
  /** Rank of the last ending peeled (-1: none yet). */
  rank: number;
  /** Voice endings peeled so far; -1 while no verb ending has been peeled (voice is not allowed). */
  voice: number;
  /** Inflectional endings (case, possessive, plural, verb form) peeled so far. */
  inflections: number;
  /** The stem got back a vowel its ending had dropped (халқ-ы → халық). */
  restored?: boolean;
}

/** A known root this short stands only after an ending this long: "елдегі" is "ел", "алды" stays whole. */
const MIN_KNOWN_STEM = 2;
const MIN_ENDING_OF_SHORT_STEM = 3;

/** Bounds the search on pathological input; real words have a handful of readings. */
const MAX_STATES = 200;

export function createKazakhStemmer(affixes: readonly KazakhAffix[], options: KazakhStemmerOptions = {}): KazakhStemmer {
  const minStem = options.minStem ?? 3;
  const maxVoice = options.maxVoice ?? 2;
  const stems = options.stems;
  // Rules grouped by their last letter, longest first, so a word is checked only against endings that can match.
  const byLastLetter = new Map<string, Rule[]>();
  for (const affix of affixes) {
    // Most one-letter endings (converb -п, possessive -м/-ң) match too many stems: мектеп would lose
    // its п, адам its м. The third-person -ы/-і, accusative -н and passive -л are kept.
    if (affix.suffix.length < 2 && !ONE_LETTER_ENDINGS.has(`${affix.slot}:${affix.suffix}`)) continue;
    const rule: Rule = { ...affix, rank: RANK[affix.slot], vowelInitial: VOWELS.includes(affix.suffix[0] ?? '') };
    const last = affix.suffix[affix.suffix.length - 1] ?? '';
    const list = byLastLetter.get(last) ?? [];
    list.push(rule);
    byLastLetter.set(last, list);
  }
  for (const list of byLastLetter.values()) list.sort((a, b) => b.suffix.length - a.suffix.length || a.rank - b.rank);

  function accepts(rule: Rule, stem: string, peeled: number): boolean {
    if (!hasVowel(stem)) return false;
    // A two-letter root the dictionary knows keeps a long ending off: ел-дегі, су-дың, үй-лер (not ал-ды).
    if (stem.length < minStem && !(stem.length >= MIN_KNOWN_STEM && peeled >= MIN_ENDING_OF_SHORT_STEM && stems?.has(stem))) return false;
    if (rule.after !== '' && !rule.after.includes(stem[stem.length - 1] ?? '')) return false;
    if (rule.harmony === 'any' || endsInCluster(stem)) return true;
    const vowel = lastVowel(stem);
    if (vowel === undefined || NEUTRAL_VOWELS.includes(vowel)) return true;
    return rule.harmony === 'back' ? BACK_VOWELS.includes(vowel) : FRONT_VOWELS.includes(vowel);
  }

  /**
   * Every state one ending further, longest ending first. `wordLength`: the word being stemmed; how much the endings
   * leave of it decides whether a short root may stand.
   */
  function next(state: State, wordLength: number): State[] {
    const result: State[] = [];
    const { stem: word, rank, voice } = state;
    for (const rule of byLastLetter.get(word[word.length - 1] ?? '') ?? []) {
      if (rule.slot === 'voice') {
        if (voice < 0 || voice >= maxVoice) continue;
      } else if (rule.rank <= rank || voice > 0) continue;
      if (!word.endsWith(rule.suffix)) continue;
      const peeled = word.slice(0, word.length - rule.suffix.length) + rule.restore;
      // мектеб-і → мектеп; a loan keeps its voiced end (округ-і → округ): the dictionary tells which, both are tried.
      const stem = rule.vowelInitial && rule.restore === '' ? devoice(peeled) : peeled;
      if (!accepts(rule, stem, wordLength - stem.length)) continue;
      const nextVoice = rule.slot === 'voice' ? voice + 1 : rule.slot === 'verb' ? 0 : voice;
      // A verb form or a noun-forming ending ends inflection: only voice may follow.
      const inflections = state.inflections + (rule.slot === 'voice' || rule.slot === 'derivation' ? 0 : 1);
      const rankAfter = rule.rank >= RANK.verb ? RANK.voice : rule.rank;
      result.push({ stem, rank: rankAfter, voice: nextVoice, inflections });
      if (stems && stem !== peeled && stems.has(peeled) && !stems.has(stem)) result.push({ stem: peeled, rank: rankAfter, voice: nextVoice, inflections });
      // A vowel ending drops the stem's last vowel in some words: халық → халқы, орын → орны, ерін → ерні.
      const full = rule.vowelInitial ? withFleetingVowel(stem) : undefined;
      if (full !== undefined) result.push({ stem: full, rank: rankAfter, voice: nextVoice, inflections, restored: true });
      // A loan ending in two consonants takes a linking vowel before its endings: субъект-і-лер, пункт-і-нде.
      const loan = withoutLinkingVowel(stem);
      if (loan !== undefined && stems?.has(loan)) result.push({ stem: loan, rank: rankAfter, voice: nextVoice, inflections });
    }
    return result;
  }

  function known(state: State): boolean {
    if (!stems) return false;
    return stems.has(state.stem) || (state.voice >= 0 && stems.has(`${state.stem}у`));
  }

  /**
   * Among readings the dictionary knows, the shortest stem (then the fewest endings). hunspell-kk's
   * word list also holds inflected forms ("облыстың", "мектептерде"), so "known" alone does not stop
   * the peeling; the shortest known stem is the same for every form of a word, which is what
   * matching needs ("жалақы", "жалақыға" → "жалақ": a short root, but the same one for both).
   */
  function better(a: State, b: State): boolean {
    if (a.stem.length !== b.stem.length) return a.stem.length < b.stem.length;
    // "халқы" is listed too: the word with its vowel back is the dictionary form.
    if (Boolean(a.restored) !== Boolean(b.restored)) return Boolean(a.restored);
    // A Kazakh word's own form ends voiceless ("салық", "кітап"); "салығ" is its stem before a vowel ending only.
    if (endsVoiced(a.stem) !== endsVoiced(b.stem)) return !endsVoiced(a.stem);
    return a.inflections < b.inflections;
  }

  function greedy(word: string): string {
    let state: State = { stem: word, rank: -1, voice: -1, inflections: 0 };
    for (;;) {
      const step = next(state, word.length)[0];
      if (!step) return state.stem;
      state = step;
    }
  }

  return function stemKazakhWord(word: string): string {
    const lower = word.toLowerCase();
    if (!stems) return greedy(lower);
    let best: State | undefined;
    // A two-letter root only when no longer one is known: "аудан" is no "ау" with an ablative ending.
    let shortBest: State | undefined;
    const start: State = { stem: lower, rank: -1, voice: -1, inflections: 0 };
    const queue: State[] = [start];
    for (let i = 0; i < queue.length && queue.length < MAX_STATES; i++) {
      const state = queue[i] as State;
      if (known(state)) {
        if (state.stem.length < minStem) shortBest ??= state;
        else if (best === undefined || better(state, best)) best = state;
      }
      queue.push(...next(state, lower.length));
    }
    return (best ?? shortBest)?.stem ?? greedy(lower);
  };
}

/**
 * A noun with the third person's possessive ending ("жалақы" → "жалақысы", "баға" → "бағасы"): "-сы/-сі" after a vowel,
 * "-ы/-і" after a consonant, by the last vowel's harmony (the glossary keys a noun by that form's stem too).
 */
export function withPossessive(noun: string): string {
  const front = FRONT_VOWELS.includes(lastVowel(noun) ?? '-');
  const afterVowel = VOWELS.includes(noun.at(-1) ?? '-');
  return `${noun}${afterVowel ? 'с' : ''}${front ? 'і' : 'ы'}`;
}

/** A Russian loan's final cluster ("банк", "пункт", "субъект"): its endings follow no Kazakh vowel harmony ("банктер"). */
function endsInCluster(stem: string): boolean {
  const last = stem[stem.length - 1] ?? '';
  const before = stem[stem.length - 2] ?? '';
  return stem.length >= 4 && last !== '' && before !== '' && !VOWELS.includes(last) && !VOWELS.includes(before) && !'ьъ'.includes(before);
}

/** субъекті → субъект: the linking vowel after a loan's final cluster. */
function withoutLinkingVowel(stem: string): string | undefined {
  const base = stem.slice(0, -1);
  return /[іы]$/.test(stem) && endsInCluster(base) ? base : undefined;
}

function hasVowel(word: string): boolean {
  for (const c of word) if (VOWELS.includes(c)) return true;
  return false;
}

function lastVowel(word: string): string | undefined {
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i] as string;
    if (VOWELS.includes(c)) return c;
  }
  return undefined;
}

const endsVoiced = (stem: string) => DEVOICE[stem[stem.length - 1] ?? ''] !== undefined;

/** мектеб → мектеп, әкімдіг → әкімдік: only between a vowel and the removed vowel ending. */
function devoice(stem: string): string {
  const last = stem[stem.length - 1] ?? '';
  const before = stem[stem.length - 2] ?? '';
  const plain = DEVOICE[last];
  return plain && VOWELS.includes(before) ? stem.slice(0, -1) + plain : stem;
}

/** халқ → халық, орн → орын, ерн → ерін: the vowel of the stem's harmony between its last two consonants. */
function withFleetingVowel(stem: string): string | undefined {
  const last = stem[stem.length - 1] ?? '';
  const before = stem[stem.length - 2] ?? '';
  if (VOWELS.includes(last) || VOWELS.includes(before) || stem.length < 3) return undefined;
  const vowel = lastVowel(stem);
  if (vowel === undefined) return undefined;
  const inserted = BACK_VOWELS.includes(vowel) ? 'ы' : 'і';
  return `${stem.slice(0, -1)}${inserted}${last}`;
}
