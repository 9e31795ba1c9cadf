import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/index/chunk.js';
import type { Embedder } from '../../src/index/embedder.js';
import type { Ranked } from '../../src/retrieval/fusion.js';
import { Retriever, type SearchIndex } from '../../src/retrieval/retriever.js';
import { topicTerms, withoutCountWords } from '../../src/retrieval/asking-words.js';
import { wantedOf } from '../../src/answer/wanted.js';
import { compose } from '../../src/answer/composition.js';
import { loadShippedThesaurus } from '../../src/retrieval/shipped-thesaurus.js';
import type { WeightedTerm } from '../../src/retrieval/thesaurus.js';
import { analyze } from '../../src/text/analyzer.js';
import { makeChunk } from '../helpers/chunks.js';

const { thesaurus } = await loadShippedThesaurus();

const TEXTS = [
  'В округе важно создавать инфраструктуру для увеличения числа предприятий. Количество заявок растёт.',
  'Насчитывается 373 населенных пункта, объединенных в 131 сельский округ.',
  'В Алматы функционируют 418 медицинских организаций, кадровый дефицит превышает 1,1 тыс. специалистов.',
];
const CHUNKS: Chunk[] = TEXTS.map((text, i) =>
  makeChunk({ id: `c${i}`, articleId: `a${i}`, ordinal: 1, text, title: `Статья ${i}`, url: `https://example.kz/${i}`, file: 'x.txt' }),
);

/** BM25's contract at its simplest: a passage scores the summed weights of the query terms it holds. */
const index: SearchIndex = {
  chunk: (label) => CHUNKS[label] as Chunk,
  filter: () => undefined,
  lexicalSearch(query: WeightedTerm[], k: number): Ranked[] {
    const sets = CHUNKS.map((c) => new Set(analyze(c.text)));
    return sets
      .map((terms, label) => ({ label, score: query.reduce((sum, q) => sum + (terms.has(q.term) ? q.weight : 0), 0) }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  },
  vectorSearch: () => [],
};
const embedder: Embedder = { id: 'fake', dimension: 2, embedQuery: async () => new Float32Array(2), embedPassages: async (t) => t.map(() => new Float32Array(2)) };
const retriever = new Retriever(index, embedder, thesaurus);

describe('the words that only ask a count', () => {
  it('are left out of a count question\'s terms, in Kazakh and Russian, but kept elsewhere', () => {
    expect(withoutCountWords('Мектептер саны қанша?', analyze('Мектептер саны қанша?'))).not.toContain('сан');
    expect(withoutCountWords('Какое количество школ?', analyze('Какое количество школ?'))).toEqual(analyze('школ'));
    expect(withoutCountWords('Какого числа выборы?', analyze('Какого числа выборы?'))).toContain('числ');
  });

  it('do not pull a passage about "числа предприятий" above the count of rural districts', async () => {
    const passages = await retriever.retrieve('Ауылдық округтер саны қанша?', {}, 3, 'lexical');
    expect(passages[0]?.chunk.text).toContain('131 сельский округ');
  });

  it('let "медициналық ұйымдар саны қанша" be answered with the count of medical organisations', () => {
    const passages = [1, 0].map((label, i) => ({ rank: i + 1, score: 1 / (i + 1), chunk: CHUNKS[label === 1 ? 2 : 0] as Chunk }));
    // The city is the retrieval filter's (as the engine sets it from the question), so the count's words are all the evidence.
    const result = compose('Алматыда медициналық ұйымдар саны қанша?', passages, { idf: () => 1 }, thesaurus, undefined, { regions: ['almaty'] });
    expect(result.answered).toBe(true);
    expect(result.text).toContain('418 медицинских организаций');
  });
});

describe('costing and standing', () => {
  it('are no topic, nor chat\'s "куча" and "годами": "стоит в очереди" counts children, no "Стоит отметить…" joins the answer', () => {
    expect(wantedOf('сколько детей стоит в очереди в садики в Алматы?').kind).toBe('count');
    expect(wantedOf('Сколько стоит путёвка в лагерь?').kind).toBe('money');
    expect(topicTerms('Сколько стоит путёвка в лагерь?')).toEqual(analyze('путёвка лагерь'));
    // Chat's "many" and "for years" say how much or how long, not of what.
    expect(topicTerms('куча народу годами не ходит в поликлинику')).toEqual(analyze('народу не ходит в поликлинику'));
    const passage = {
      rank: 1,
      score: 1,
      chunk: makeChunk({
        id: 'q1',
        articleId: 'queue',
        text: 'Очередь в детские сады растет и сегодня составляет свыше 56 тыс. мест. Стоит отметить, что рейтинг города высок.',
      }),
    };
    const result = compose('сколько детей стоит в очереди в садики?', [passage], { idf: () => 1 }, thesaurus);
    expect(result.text).toContain('56 тыс. мест');
    expect(result.text).not.toContain('Стоит отметить');
  });
});

