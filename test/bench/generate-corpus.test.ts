import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../src/corpus/parse-jsonl.js';
import { chunkArticles } from '../../src/index/chunker.js';
import { generateArticles, generateQueries, varyNumbers, type SeedArticle } from '../../bench/generate-corpus.js';
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
