import { isStopword, stem, tokenize } from '../src/text/analyzer.js';
import { pick } from './metrics.js';

/**
 * Vocabulary statistics of a corpus and a source of new word forms, so that a generated corpus
 * grows its vocabulary the way a real news archive does (Heaps' law V = K·n^β) with a Zipfian
 * frequency curve, instead of reusing the seed vocabulary forever.
 */

export interface LexicalStats {
  tokens: number;
  vocabulary: number;
  /** Heaps' law fitted by least squares on log V against log n (n ≥ 1000). */
  fitted: { k: number; beta: number };
  /** What the generator extrapolates with: the fit, β capped at MAX_BETA through the seed's end point. */
  heaps: { k: number; beta: number };
  /** Zipf exponent s (frequency ∝ rank^-s) fitted on the ranks 1..min(1000, V). */
  zipf: number;
  /** Share of running words whose word occurs once: the rare tail a generator must keep renewing. */
  hapaxTokenShare: number;
}

const HEAPS_FROM = 1000;
/**
 * The seed (24 articles on unrelated topics, ~10k words) grows its vocabulary with a slope of ~0.88:
 * the slope of a small sample, which flattens as a corpus grows. Extrapolated to 10^8 words it would
 * give ~14M word forms, more than news archives of that size have; 0.7 keeps the curve through the
 * seed's end point and gives ~3M forms at 1M chunks.
 */
export const MAX_BETA = 0.7;

/** Least-squares slope and intercept of y on x. */
function fitLine(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Word tokens (numbers excluded: the generator renews those separately). */
export const wordsOf = (text: string) => tokenize(text).filter((t) => /\p{L}/u.test(t));

/** Heaps and Zipf fits over the words of `texts`, read in order. */
export function fitLexicalStats(texts: readonly string[]): LexicalStats {
  const total = texts.reduce((n, t) => n + wordsOf(t).length, 0);
  if (total < 20) throw new Error(`lexicon: ${total} words are too few to fit vocabulary statistics`);
  // A small seed (a test's) has no thousand words to skip.
  const from = Math.min(HEAPS_FROM, Math.floor(total / 4));
  const counts = new Map<string, number>();
  const logN: number[] = [];
  const logV: number[] = [];
  let n = 0;
  let nextPoint = 16;
  for (const text of texts) {
    for (const word of wordsOf(text)) {
      n += 1;
      counts.set(word, (counts.get(word) ?? 0) + 1);
      // The first thousand words are the linear start of every vocabulary curve, not its law.
      if (n === nextPoint) {
        if (n >= from) {
          logN.push(Math.log(n));
          logV.push(Math.log(counts.size));
        }
        nextPoint = Math.ceil(nextPoint * 1.25);
      }
    }
  }
  logN.push(Math.log(n));
  logV.push(Math.log(counts.size));
  const heaps = fitLine(logN, logV);
  const freqs = [...counts.values()].sort((a, b) => b - a).slice(0, 1000);
  const zipf = fitLine(freqs.map((_, r) => Math.log(r + 1)), freqs.map((f) => Math.log(f)));
  const hapax = [...counts.values()].filter((c) => c === 1).length;
  const fitted = { k: Math.exp(heaps.intercept), beta: heaps.slope };
  const beta = Math.min(fitted.beta, MAX_BETA);
  const used = beta === fitted.beta ? fitted : { k: counts.size / Math.pow(n, beta), beta };
  return { tokens: n, vocabulary: counts.size, fitted, heaps: used, zipf: -zipf.slope, hapaxTokenShare: hapax / n };
}

/** A word a generator may replace: Cyrillic, five letters or more, not a function word. */
export const REPLACEABLE = /^[а-яёәғқңөұүһі][а-яёәғқңөұүһі-]{4,}$/iu;

export const isReplaceable = (word: string) => REPLACEABLE.test(word) && !isStopword(word.toLowerCase());

/**
 * New word forms made like the seed's: the start of one stem, the end of another and an ending seen
 * in the seed ("медицин" + "ского"), so stems stay pronounceable and inflections stay Russian/Kazakh.
 */
export class WordForge {
  private readonly stems: string[];
  private readonly endings: string[];
  private readonly seen = new Set<string>();

  constructor(words: readonly string[]) {
    const stems = new Set<string>();
    this.endings = [];
    for (const word of words) {
      const lower = word.toLowerCase();
      if (!isReplaceable(lower)) continue;
      this.seen.add(lower);
      const s = stem(lower);
      if (s.length < 3 || !lower.startsWith(s)) continue;
      stems.add(s);
      // Endings keep their seed frequencies, so common inflections stay common.
      this.endings.push(lower.slice(s.length));
    }
    this.stems = [...stems];
    if (this.stems.length < 2) throw new Error('lexicon: the seed has fewer than two stems to recombine');
  }

  /** A lower-case form not produced (nor seen in the seed) before. */
  next(random: () => number): string {
    for (let attempt = 0; ; attempt++) {
      const a = pick(random, this.stems);
      const b = pick(random, this.stems);
      const cutA = Math.max(2, Math.ceil(a.length * (0.4 + random() * 0.3)));
      const cutB = Math.floor(b.length * (0.3 + random() * 0.3));
      // After a few collisions a syllable from a third stem makes the form longer, hence rarer.
      const middle = attempt > 3 ? pick(random, this.stems).slice(0, 2 + (attempt % 3)) : '';
      const form = a.slice(0, cutA) + middle + b.slice(cutB) + pick(random, this.endings);
      if (form.length >= 5 && !this.seen.has(form)) {
        this.seen.add(form);
        return form;
      }
    }
  }

  get produced(): number {
    return this.seen.size;
  }
}

/**
 * Chooses the word that stands in a replaceable slot, as a Simon process: a new form with the
 * probability that keeps V(n) on the fitted Heaps curve, otherwise a repeat of an earlier generated
 * occurrence (frequent forms get picked more: the rich-get-richer rule behind Zipf's law).
 */
export class VocabularyGrowth {
  private forms: string[] = [];
  private occurrences = new Int32Array(1 << 16);
  private occurrenceCount = 0;
  private tokens = 0;
  private pNew = 1;
  private refreshAt = 0;

  constructor(
    private readonly stats: LexicalStats,
    private readonly forge: WordForge,
    /** Share of running words that are replaceable slots × share of those replaced. */
    private readonly slotShare: number,
  ) {}

  /** Counts running words that are not replaced (they still move n along the Heaps curve). */
  advance(words: number): void {
    this.tokens += words;
  }

  word(random: () => number): string {
    this.tokens += 1;
    // dV/dn of the Heaps curve, spread over the share of words that go through here (refreshed now and then: pow is slow).
    if (this.tokens >= this.refreshAt) {
      const { k, beta } = this.stats.heaps;
      this.pNew = Math.min(1, (k * beta * Math.pow(this.tokens, beta - 1)) / this.slotShare);
      this.refreshAt = this.tokens + Math.max(16, this.tokens >> 8);
    }
    const pNew = this.pNew;
    let id: number;
    if (this.occurrenceCount === 0 || random() < pNew) {
      id = this.forms.length;
      this.forms.push(this.forge.next(random));
    } else {
      id = this.occurrences[Math.floor(random() * this.occurrenceCount)]!;
    }
    if (this.occurrenceCount === this.occurrences.length) {
      const grown = new Int32Array(this.occurrences.length * 2);
      grown.set(this.occurrences);
      this.occurrences = grown;
    }
    this.occurrences[this.occurrenceCount++] = id;
    return this.forms[id]!;
  }

  get vocabulary(): number {
    return this.forms.length;
  }
}
