import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../src/corpus/parse-jsonl.js';
import { chunkArticles } from '../../src/index/chunker.js';
import { generateArticles, generateQueries, varyNumbers, type SeedArticle } from '../../bench/generate-corpus.js';
import { fitLexicalStats, wordsOf } from '../../bench/lexicon.js';
import { rng } from '../../bench/metrics.js';

const seeds: SeedArticle[] = [
  {
    title: 'В Алматы открыли 12 школ',
    source: 'Enbekshi QazaQ',
    sentences: [
      'В Алматы в 2024 году построили 12 новых школ на 5 400 мест.',
      'Аким города провёл совещание с руководителями управлений образования и здравоохранения.',
      'На ремонт дорог направят 3,5 млрд тенге из местного бюджета до конца года.',
      'Жители микрорайонов получили доступ к чистой питьевой воде после завершения строительства сетей.',
    ],
  },
  {
    title: 'Водохранилища обследовали',
    source: 'gov.kz',
    sentences: [
      'Специалисты министерства обследовали 27 водохранилищ в четырёх областях страны.',
      'Паводковые воды будут собирать в накопителях для орошения сельскохозяйственных угодий.',
    ],
  },
];

const asJsonl = (items: object[]) => items.map((a) => JSON.stringify(a)).join('\n');

describe('generateArticles', () => {
  it('gives the requested number of chunks when the real loader and chunker read it', () => {
    const generated = [...generateArticles(seeds, { chunks: 300 })];
    const { articles, warnings } = parseJsonl('gen.jsonl', asJsonl(generated));
    expect(warnings).toEqual([]);
    expect(chunkArticles(articles)).toHaveLength(300);
  });

  it('makes every article unique, dated and reproducible from its seed', () => {
    const a = [...generateArticles(seeds, { chunks: 200, seed: 3 })];
    const b = [...generateArticles(seeds, { chunks: 200, seed: 3 })];
    expect(a).toEqual(b);
    const { articles } = parseJsonl('gen.jsonl', asJsonl(a));
    expect(new Set(articles.map((x) => x.id)).size).toBe(a.length);
    for (const x of articles) expect(x.date).toMatch(/^20(1[89]|2[0-5])-\d\d-\d\d$/);
    expect(new Set(articles.flatMap((x) => x.regions)).size).toBeGreaterThan(5);
  });
});

describe('varyNumbers', () => {
  it('changes numbers but keeps their length, and years plausible', () => {
    const out = varyNumbers('В 2019 году 236 тыс. студентов', rng(1));
    const [year, count] = out.match(/\d+/g)!;
    expect(Number(year)).toBeGreaterThanOrEqual(2015);
    expect(Number(year)).toBeLessThanOrEqual(2025);
    expect(count).toHaveLength(3);
    expect(out).toMatch(/^В \d{4} году \d{3} тыс\. студентов$/);
  });
});

describe('generateQueries', () => {
  it('makes the requested number of questions from seed words', () => {
    const queries = generateQueries(seeds, 20);
    expect(queries).toHaveLength(20);
    for (const q of queries) expect(q.endsWith('?')).toBe(true);
  });
});

describe('realistic style', () => {
  const distinctWords = (chunks: number, style: 'realistic' | 'worst') =>
    new Set([...generateArticles(seeds, { chunks, style })].flatMap((a) => wordsOf(a.text))).size;

  it('keeps adding new words as the corpus grows, where the worst case stops at the seed vocabulary', () => {
    const seedWords = new Set(seeds.flatMap((s) => s.sentences.flatMap(wordsOf))).size;
    // Region and city names of the article headers come on top of the seed's words, then it stops.
    expect(distinctWords(400, 'worst') - distinctWords(200, 'worst')).toBeLessThan(10);
    const small = distinctWords(100, 'realistic');
    const large = distinctWords(400, 'realistic');
    expect(small).toBeGreaterThan(seedWords);
    expect(large).toBeGreaterThan(small * 1.5);
  });

  it('fits the vocabulary growth of a text that follows Heaps law', () => {
    // A Simon process with 30% new words: V grows about linearly at first, then slower.
    const random = rng(5);
    const words: string[] = [];
    for (let i = 0; i < 20_000; i++) words.push(words.length === 0 || random() < 3 / Math.sqrt(i + 1) ? `слово${i}` : words[Math.floor(random() * words.length)]!);
    const stats = fitLexicalStats([words.join(' ')]);
    // P(new) ∝ n^-0.5 gives V ∝ n^0.5.
    expect(stats.fitted.beta).toBeGreaterThan(0.4);
    expect(stats.fitted.beta).toBeLessThan(0.6);
  });
});
