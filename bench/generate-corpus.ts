import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Article } from '../src/corpus/article.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { splitSentences } from '../src/text/sentences.js';
import { fitLexicalStats, isReplaceable, VocabularyGrowth, WordForge, wordsOf, type LexicalStats } from './lexicon.js';
import { parseSize, pick, rng } from './metrics.js';

/**
 * Synthetic corpora of a chosen size for the scale benchmark, grown from the seed articles in
 * data/: articles of recombined seed sentences with fresh numbers, regions and dates, written as
 * JSONL data files the real ingestion reads. Paragraphs are sized so the chunker (80–200 words,
 * closing at paragraph borders) makes one chunk of each: the paragraph count is the chunk target.
 *
 * Two styles:
 *   realistic (default): words of the seed sentences are replaced, in the share of the seed's rare
 *     words, by new word forms (bench/lexicon.ts) at the rate that keeps the vocabulary on the Heaps
 *     curve fitted on data/, repeated with Zipfian frequencies;
 *   worst: the seed sentences as they are (only numbers and places vary): every term is common and
 *     every posting list long, the pessimistic case for the lexical index.
 */

export interface SeedArticle {
  title: string;
  source: string;
  sentences: string[];
}

export interface GeneratedArticle {
  title: string;
  text: string;
  date: string;
  url: string;
  source: string;
}

export type CorpusStyle = 'realistic' | 'worst';

export interface GeneratorOptions {
  /** Paragraphs (≈ chunks) to produce in total. */
  chunks: number;
  seed?: number;
  /** Default realistic. */
  style?: CorpusStyle;
}

/** A seed sentence cut into text and word parts (odd indices are words), with the replaceable word slots. */
interface Template {
  parts: string[];
  slots: number[];
  words: number;
}

const WORD_SPLIT = /([\p{L}\p{N}]+(?:-[\p{L}]+)*)/u;

function toTemplate(sentence: string): Template {
  const parts = sentence.split(WORD_SPLIT);
  const slots: number[] = [];
  for (let i = 1; i < parts.length; i += 2) if (isReplaceable(parts[i]!)) slots.push(i);
  return { parts, slots, words: (parts.length - 1) / 2 };
}

/** Rewrites seed sentences with renewed words so that the vocabulary keeps growing like the seed's. */
export class SentenceRenewer {
  readonly stats: LexicalStats;
  /** Probability that a replaceable word is replaced. */
  readonly replaceShare: number;
  private readonly templates = new Map<string, Template>();
  private readonly growth: VocabularyGrowth;

  constructor(seeds: readonly SeedArticle[]) {
    const texts = seeds.flatMap((s) => s.sentences);
    this.stats = fitLexicalStats(texts);
    const words = texts.flatMap(wordsOf);
    const replaceable = texts.reduce((n, t) => n + toTemplate(t).slots.length, 0) / Math.max(1, words.length);
    // Replace as many running words as the seed has rare (once-seen) words: the tail a real archive renews.
    this.replaceShare = Math.min(0.6, Math.max(0.05, this.stats.hapaxTokenShare / Math.max(replaceable, 1e-9)));
    this.growth = new VocabularyGrowth(this.stats, new WordForge(texts.flatMap((t) => t.split(WORD_SPLIT).filter((_, i) => i % 2 === 1))), this.replaceShare * replaceable);
  }

  renew(sentence: string, random: () => number): string {
    let template = this.templates.get(sentence);
    if (!template) {
      template = toTemplate(sentence);
      this.templates.set(sentence, template);
    }
    const parts = template.parts.slice();
    let replaced = 0;
    for (const slot of template.slots) {
      if (random() >= this.replaceShare) continue;
      const form = this.growth.word(random);
      const original = parts[slot]!;
      parts[slot] = original[0] !== original[0]!.toLowerCase() ? form[0]!.toUpperCase() + form.slice(1) : form;
      replaced += 1;
    }
    this.growth.advance(template.words - replaced);
    return parts.join('');
  }

  get generatedVocabulary(): number {
    return this.growth.vocabulary;
  }
}

const MIN_SENTENCE_WORDS = 5;
const MAX_SENTENCE_WORDS = 40;
// With one overlap sentence (≤ 40 words) a paragraph of ≤ 130 words stays under the chunker's 200.
const PARAGRAPH_WORDS = { min: 85, max: 130 };
const MAX_PARAGRAPHS = 8;
/** Share of sentences taken from the article's own seed, so an article keeps one topic. */
const HOME_SHARE = 0.7;
const ARTICLES_PER_FILE = 5_000;
const DATE_RANGE = { from: Date.UTC(2018, 0, 1), to: Date.UTC(2025, 11, 31) };

/** Genitive names of all regions: "по материалам акимата …" gives every article a region. */
const REGION_GENITIVE = [
  'области Абай', 'Акмолинской области', 'Актюбинской области', 'Алматинской области', 'Атырауской области',
  'Восточно-Казахстанской области', 'Жамбылской области', 'области Жетісу', 'Западно-Казахстанской области',
  'Карагандинской области', 'Костанайской области', 'Кызылординской области', 'Мангистауской области',
  'Павлодарской области', 'Северо-Казахстанской области', 'Туркестанской области', 'области Ұлытау',
  'города Астаны', 'города Алматы', 'города Шымкента',
];
/** Regional centres that Russian does not decline, so they can stand in for "Алматы" in any sentence. */
const INDECLINABLE_CITIES = ['Алматы', 'Атырау', 'Актау', 'Кокшетау', 'Конаев', 'Семей'];

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Seed sentences of usable length, grouped by article. */
export function seedsFrom(articles: readonly Article[]): SeedArticle[] {
  const seeds = articles.map((a) => ({
    title: a.title,
    source: a.source,
    sentences: a.text
      .split(/\n{2,}/)
      .flatMap((p) => splitSentences(p))
      .filter((s) => {
        const words = wordCount(s);
        return words >= MIN_SENTENCE_WORDS && words <= MAX_SENTENCE_WORDS;
      }),
  }));
  const usable = seeds.filter((s) => s.sentences.length > 0);
  if (usable.length === 0) throw new Error('generator: no seed article has a sentence of 5–40 words');
  return usable;
}

/** Every digit run replaced by a random one of the same length; four-digit years stay plausible years. */
export function varyNumbers(text: string, random: () => number): string {
  return text.replace(/\d+/g, (digits) => {
    if (/^(19|20)\d\d$/.test(digits)) return String(2015 + Math.floor(random() * 11));
    return Array.from(digits, (_, i) => String(i === 0 && digits.length > 1 && digits[0] !== '0' ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10))).join('');
  });
}

function randomDate(random: () => number): string {
  const day = DATE_RANGE.from + Math.floor(random() * ((DATE_RANGE.to - DATE_RANGE.from) / 86_400_000 + 1)) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

/** One article: a header sentence naming its region and serial number, then paragraphs of varied seed sentences. */
export function generateArticle(seeds: readonly SeedArticle[], serial: number, paragraphs: number, random: () => number, renewer?: SentenceRenewer): GeneratedArticle {
  const home = pick(random, seeds);
  const region = pick(random, REGION_GENITIVE);
  const city = pick(random, INDECLINABLE_CITIES);
  const sentence = () => {
    const from = random() < HOME_SHARE ? home : pick(random, seeds);
    const seed = pick(random, from.sentences);
    return varyNumbers(renewer ? renewer.renew(seed, random) : seed, random).replace(/Алматы/g, city);
  };
  const body: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const parts = p === 0 ? [`Новость подготовлена по материалам акимата ${region} (выпуск № ${serial + 1}).`] : [];
    let words = parts.reduce((n, s) => n + wordCount(s), 0);
    while (words < PARAGRAPH_WORDS.min) {
      const next = sentence();
      const w = wordCount(next);
      if (words + w > PARAGRAPH_WORDS.max) continue;
      parts.push(next);
      words += w;
    }
    body.push(parts.join(' '));
  }
  return {
    title: varyNumbers(home.title, random).replace(/Алматы/g, city),
    text: body.join('\n\n'),
    date: randomDate(random),
    url: `https://bench.zhauap.invalid/news/${serial + 1}`,
    source: home.source,
  };
}

/** Articles totalling `chunks` paragraphs, lazily, in a reproducible order. */
export function* generateArticles(seeds: readonly SeedArticle[], options: GeneratorOptions): Generator<GeneratedArticle> {
  const random = rng(options.seed ?? 1);
  const renewer = (options.style ?? 'realistic') === 'realistic' ? new SentenceRenewer(seeds) : undefined;
  let left = options.chunks;
  for (let serial = 0; left > 0; serial++) {
    const paragraphs = Math.min(left, 1 + Math.floor(random() * MAX_PARAGRAPHS));
    left -= paragraphs;
    yield generateArticle(seeds, serial, paragraphs, random, renewer);
  }
}

/** Where a generated question may be asked about; detectRegions turns it into a retrieval filter. */
const QUESTION_PLACES = ['в Павлодарской области', 'в Астане', 'в Шымкенте', 'в Алматы', 'в Карагандинской области', 'в Атырау'];
const QUESTION_STARTS = ['Сколько', 'Где', 'Когда', 'Кто', 'Что известно:', 'Расскажите,'];
/** Share of generated questions that name a place, so filtered search is part of the mix. */
const PLACE_SHARE = 0.3;

/** Questions made of a few words of a varied seed sentence; a share of them name a region. */
export function generateQueries(seeds: readonly SeedArticle[], count: number, seed = 7): string[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const words = varyNumbers(pick(random, pick(random, seeds).sentences), random).split(/\s+/).filter(Boolean);
    const length = Math.min(words.length, 4 + Math.floor(random() * 5));
    const start = Math.floor(random() * (words.length - length + 1));
    const body = words.slice(start, start + length).join(' ').replace(/[.!?…:;,]+$/u, '');
    const place = random() < PLACE_SHARE ? ` ${pick(random, QUESTION_PLACES)}` : '';
    return `${pick(random, QUESTION_STARTS)} ${body}${place}?`;
  });
}

export interface WrittenCorpus {
  dir: string;
  files: number;
  articles: number;
  bytes: number;
}

/** Writes the generated corpus into `dir` as gen-00000.jsonl, gen-00001.jsonl, … */
export async function writeCorpus(dir: string, seeds: readonly SeedArticle[], options: GeneratorOptions): Promise<WrittenCorpus> {
  await mkdir(dir, { recursive: true });
  const written: WrittenCorpus = { dir, files: 0, articles: 0, bytes: 0 };
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let lines: string[] = [];
  const flush = async () => {
    if (!handle || lines.length === 0) return;
    const text = lines.join('');
    written.bytes += Buffer.byteLength(text);
    await handle.write(text);
    lines = [];
  };
  try {
    for (const article of generateArticles(seeds, options)) {
      if (written.articles % ARTICLES_PER_FILE === 0) {
        await flush();
        await handle?.close();
        handle = await open(path.join(dir, `gen-${String(written.files).padStart(5, '0')}.jsonl`), 'w');
        written.files++;
      }
      lines.push(JSON.stringify(article) + '\n');
      written.articles++;
      if (lines.length >= 500) await flush();
    }
    await flush();
  } finally {
    await handle?.close();
  }
  return written;
}

/** Seeds from the real corpus in `dataDir`. */
export async function loadSeeds(dataDir: string): Promise<SeedArticle[]> {
  return seedsFrom((await loadCorpus(dataDir)).articles);
}

async function main() {
  const { values } = parseArgs({
    options: {
      chunks: { type: 'string', default: '10k' },
      out: { type: 'string' },
      data: { type: 'string', default: 'data' },
      seed: { type: 'string', default: '1' },
      style: { type: 'string', default: 'realistic' },
    },
  });
  const style = values.style as CorpusStyle;
  if (style !== 'realistic' && style !== 'worst') throw new Error(`generate-corpus: --style must be realistic or worst, got "${style}"`);
  if (!values.out) throw new Error('generate-corpus: --out <dir> is required (use a temp dir, not the repository)');
  const written = await writeCorpus(values.out, await loadSeeds(values.data!), { chunks: parseSize(values.chunks!), seed: Number(values.seed), style });
  process.stdout.write(`${JSON.stringify(written)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    process.stderr.write(`generate-corpus: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
