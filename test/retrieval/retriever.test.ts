import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/index/chunk.js';
import { ChunkStore } from '../../src/index/chunk-store.js';
import type { Embedder } from '../../src/index/embedder.js';
import type { LabelFilter } from '../../src/index/vector-store.js';
import type { Ranked } from '../../src/retrieval/fusion.js';
import type { RetrievalFilters } from '../../src/shared/filters.js';
import { Retriever, type SearchIndex } from '../../src/retrieval/retriever.js';
import { buildThesaurus, type WeightedTerm } from '../../src/retrieval/thesaurus.js';
import { analyze } from '../../src/text/analyzer.js';
import { loadShippedThesaurus } from '../../src/retrieval/shipped-thesaurus.js';

function chunk(id: string, text: string, regions: string[], date: string | null): Chunk {
  return { id, articleId: id, ordinal: 0, text, title: '', date, url: null, source: 'test', language: 'ru', regions, file: 'a.txt' };
}

const CHUNKS = [
  chunk('c0', 'В Алматы построят пять новых школ к сентябрю.', ['almaty'], '2025-04-10'),
  chunk('c1', 'В Шымкенте открыли две школы и детский сад.', ['shymkent'], '2025-04-12'),
  chunk('c2', 'Акимат Алматы выделил средства на ремонт школ в Медеуском районе.', ['almaty'], '2025-05-03'),
  chunk('c3', 'Программа «Школа акимов» стартовала в Астане.', ['astana'], null),
  chunk('c4', 'Шымкентские школы перейдут на новое расписание.', ['shymkent'], '2025-03-28'),
  chunk('c5', 'В Алматы и Астане обсудили строительство школ.', ['almaty', 'astana'], '2025-04-20'),
];

/**
 * Both searches scan every label, as a search over a large index would scan many candidates, and
 * consult the filter for each. The filter is the chunk store's; `chunk()` calls are counted.
 */
class FakeIndex implements SearchIndex {
  readonly reads = new Set<number>();
  private readonly store = new ChunkStore();
  private readonly terms = CHUNKS.map((c) => new Set(analyze(c.text)));

  constructor() {
    CHUNKS.forEach((c, label) => this.store.add(label, c));
  }

  chunk(label: number): Chunk {
    this.reads.add(label);
    return this.store.get(label);
  }

  filter(filters: RetrievalFilters): LabelFilter | undefined {
    return this.store.matcher(filters);
  }

  lexicalSearch(query: WeightedTerm[], k: number, filter?: LabelFilter): Ranked[] {
    const hits = this.terms.map((terms, label) => ({ label, score: query.reduce((sum, q) => sum + (terms.has(q.term) ? q.weight : 0), 0) }));
    return hits.filter((h) => h.score > 0 && (!filter || filter(h.label))).sort((a, b) => b.score - a.score).slice(0, k);
  }

  vectorSearch(_vector: Float32Array, k: number, filter?: LabelFilter): Ranked[] {
    return CHUNKS.map((_, label) => ({ label, score: 1 / (1 + label) }))
      .filter((h) => !filter || filter(h.label))
      .slice(0, k);
  }
}

const embedder: Embedder = {
  id: 'fake',
  dimension: 2,
  embedQuery: async () => new Float32Array(2),
  embedPassages: async (texts) => texts.map(() => new Float32Array(2)),
};

async function retrieve(question: string, filters: RetrievalFilters) {
  const index = new FakeIndex();
  const passages = await new Retriever(index, embedder, buildThesaurus()).retrieve(question, filters, 10);
  return { ids: passages.map((p) => p.chunk.id).sort(), read: [...index.reads].sort().map((label) => CHUNKS[label]!.id) };
}

describe('Retriever with filters', () => {
  it('returns every school passage without filters', async () => {
    const { ids } = await retrieve('Где строят школы?', {});
    expect(ids).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('returns only passages of the chosen region and never reads a chunk that fails the filter', async () => {
    const { ids, read } = await retrieve('Где строят школы «Школа акимов»?', { regions: ['almaty'] });
    expect(ids).toEqual(['c0', 'c2', 'c5']);
    expect(read).toEqual(['c0', 'c2', 'c5']);
  });

  it('applies a date range the same way, leaving out undated passages', async () => {
    const { ids, read } = await retrieve('Где строят школы?', { dateFrom: '2025-04-01', dateTo: '2025-04-30' });
    expect(ids).toEqual(['c0', 'c1', 'c5']);
    expect(read).toEqual(['c0', 'c1', 'c5']);
  });

  it('finds nothing, reading nothing, for a region no passage mentions', async () => {
    expect(await retrieve('Где строят школы?', { regions: ['atyrau'] })).toEqual({ ids: [], read: [] });
  });
});

describe('Retriever with phrases the thesaurus knows', () => {
  const texts = [
    'За каждое обращение жителей отвечает аким района, в День открытых дверей приходят сотни людей.',
    'Ежедневно в мегаполис въезжают до 200 тысяч автомобилей из пригородов.',
  ];
  /** Scores a passage by the weights of the query terms it holds; no vectors, so the lexical ranking shows. */
  class PhraseIndex implements SearchIndex {
    private readonly store = new ChunkStore();
    private readonly terms: Array<Set<string>>;
    constructor(passages: readonly string[] = texts) {
      this.terms = passages.map((t) => new Set(analyze(t)));
      passages.forEach((t, label) => this.store.add(label, chunk(`p${label}`, t, [], null)));
    }
    chunk(label: number): Chunk {
      return this.store.get(label);
    }
    filter(filters: RetrievalFilters): LabelFilter | undefined {
      return this.store.matcher(filters);
    }
    lexicalSearch(query: WeightedTerm[], k: number): Ranked[] {
      const hits = this.terms.map((terms, label) => ({ label, score: query.reduce((sum, q) => sum + (terms.has(q.term) ? q.weight : 0), 0) }));
      return hits.filter((h) => h.score > 0).sort((a, b) => b.score - a.score).slice(0, k);
    }
    vectorSearch(): Ranked[] {
      return [];
    }
  }

  it('searches "каждый день" as "ежедневно", not as any "каждое" and "День"', async () => {
    const { thesaurus } = await loadShippedThesaurus();
    const passages = await new Retriever(new PhraseIndex(), embedder, thesaurus).retrieve('Сколько машин каждый день въезжает?', {}, 2);
    expect(passages[0]?.chunk.text).toContain('Ежедневно в мегаполис въезжают');
  });

  it('finds the Russian passage a Kazakh question translates above a Kazakh speech that shares its words', async () => {
    const { thesaurus } = await loadShippedThesaurus();
    const index = new PhraseIndex([
      'Алматы тұрғындары жаңа жылды тойлады.',
      'Число горожан прирастает ежегодно более чем на 50 тыс., из них 60% - мигранты.',
    ]);
    const passages = await new Retriever(index, embedder, thesaurus).retrieve('Алматы тұрғындарының саны жыл сайын қаншаға көбейеді?', {}, 2);
    expect(passages[0]?.chunk.text).toContain('прирастает ежегодно');
  });
});

describe('Retriever and an index that searches vectors in another thread', () => {
  it('begins the vector search before BM25 and takes its hits after, with the same passages as in one thread', async () => {
    const steps: string[] = [];
    class SideBySide extends FakeIndex {
      override lexicalSearch(query: WeightedTerm[], k: number, filter?: LabelFilter): Ranked[] {
        steps.push('bm25');
        return super.lexicalSearch(query, k, filter);
      }
      vectorSearchSoon(vector: Float32Array, k: number, filter?: LabelFilter): () => Ranked[] {
        steps.push('vectors begun');
        return () => {
          steps.push('vectors taken');
          return this.vectorSearch(vector, k, filter);
        };
      }
    }
    const question = 'Где строят школы в Алматы?';
    const passages = await new Retriever(new SideBySide(), embedder, buildThesaurus()).retrieve(question, { regions: ['almaty'] }, 10);
    expect(steps).toEqual(['vectors begun', 'bm25', 'vectors taken']);
    const alone = await new Retriever(new FakeIndex(), embedder, buildThesaurus()).retrieve(question, { regions: ['almaty'] }, 10);
    expect(passages.map((p) => [p.chunk.id, p.score])).toEqual(alone.map((p) => [p.chunk.id, p.score]));
  });
});
