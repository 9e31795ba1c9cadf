import { indexedText, type Chunk } from '../index/chunk.js';
import type { Embedder } from '../index/embedder.js';
import type { LabelFilter } from '../index/vector-store.js';
import { analyze, normalize, readsAsKazakh } from '../text/analyzer.js';
import { quotedTexts } from '../text/quotes.js';
import { topicTerms } from './asking-words.js';
import { collapseNearDuplicates } from './dedup.js';
import { reciprocalRankFusion, type Ranked } from './fusion.js';
import type { RetrievedPassage } from './passage.js';
import type { RetrievalFilters } from '../shared/filters.js';
import { expandTerms, joinPhrases, type Thesaurus, type WeightedTerm } from './thesaurus.js';

/** Phrases the user put in quotes, e.g. «Школа акимов» or "Чистые водоемы". */
export function quotedPhrases(question: string): string[] {
  return quotedTexts(question, 3, 80).map((p) => p.trim()).filter((p) => p.length >= 3);
}

/** What retrieval needs from a loaded index: two searches, a label filter and the chunk behind a label. */
export interface SearchIndex {
  chunk(label: number): Chunk;
  /**
   * A test of the filters per label, or undefined when they filter nothing. The searches call it for
   * every candidate, so it must not read chunks.
   */
  filter(filters: RetrievalFilters): LabelFilter | undefined;
  vectorSearch(vector: Float32Array, k: number, filter?: LabelFilter): Ranked[];
  /**
   * `vectorSearch`, begun: the index may go on with it in another thread (the machine's second core) while
   * BM25 searches in this one; the function returned gives its hits.
   */
  vectorSearchSoon?(vector: Float32Array, k: number, filter?: LabelFilter): () => Ranked[];
  lexicalSearch(terms: WeightedTerm[], k: number, filter?: LabelFilter): Ranked[];
}

export interface RetrieverSettings {
  /** Candidates taken from each list before fusion. */
  depth: number;
  lexicalWeight: number;
  vectorWeight: number;
  synonymWeight: number;
}

export const DEFAULT_RETRIEVER: RetrieverSettings = {
  depth: 50,
  lexicalWeight: 1,
  vectorWeight: 1,
  synonymWeight: 0.5,
};

/** How much a word of a phrase the thesaurus knows searches on its own. */
const PHRASE_WORD_WEIGHT = 0.5;
/** What a Kazakh question's related terms (mostly the glossary's translations) search with, against the word's own 1. */
const TRANSLATION_WEIGHT = 0.8;

export type RetrievalMode = 'hybrid' | 'lexical' | 'vector';

/** Hybrid retrieval: BM25 over stemmed terms (with thesaurus expansion) + vectors, fused by RRF. */
export class Retriever {
  constructor(
    private readonly index: SearchIndex,
    private readonly embedder: Embedder,
    private readonly thesaurus: Thesaurus,
    private readonly settings: RetrieverSettings = DEFAULT_RETRIEVER,
  ) {}

  async retrieve(question: string, filters: RetrievalFilters = {}, k = 10, mode: RetrievalMode = 'hybrid'): Promise<RetrievedPassage[]> {
    const filter = this.index.filter(filters);
    // The vector search is begun before BM25 and taken after it, so the two can run side by side.
    const vectorHits = mode === 'lexical' ? undefined : this.vectorSearchSoon(await this.embedder.embedQuery(question), filter);
    const lists: Ranked[][] = [];
    const weights: number[] = [];
    if (mode !== 'vector') {
      // The words themselves and the phrases they form ("су қоймасы" → "водохранилище") both search.
      // A count's own words ("саны", "количество") only ask: they would find any passage about a number; "по словам"
      // finds every quote.
      const words = topicTerms(question);
      const joined = joinPhrases(words, this.thesaurus);
      // A phrase's own words search at a discount: "каждый день" means "ежедневно", and "каждый" and "день" alone
      // find every "каждое обращение" and "День учителя".
      const phraseWords = new Set(joined.filter((t) => t.includes(' ')).flatMap((t) => t.split(' ')));
      // A Kazakh question's words are translated more than paraphrased: the Russian news states its answer in the
      // translation, while its own words find only the Kazakh speeches.
      const synonymWeight = readsAsKazakh(question) ? Math.max(this.settings.synonymWeight, TRANSLATION_WEIGHT) : this.settings.synonymWeight;
      const terms = expandTerms([...new Set([...words, ...joined])], this.thesaurus, synonymWeight).map((t) =>
        phraseWords.has(t.term) ? { ...t, weight: Math.min(t.weight, PHRASE_WORD_WEIGHT) } : t,
      );
      lists.push(terms.length > 0 ? this.index.lexicalSearch(terms, this.settings.depth, filter) : []);
      weights.push(this.settings.lexicalWeight);
    }
    if (vectorHits) {
      lists.push(vectorHits());
      weights.push(this.settings.vectorWeight);
    }
    // A quoted name («Школа акимов») is the strongest hint a citizen gives: passages holding it verbatim
    // form a third list.
    for (const phrase of quotedPhrases(question)) {
      const terms = analyze(phrase).map((term) => ({ term, weight: 1 }));
      const hits = terms.length > 0 ? this.index.lexicalSearch(terms, this.settings.depth, filter) : [];
      const needle = normalize(phrase);
      lists.push(hits.filter((h) => normalize(indexedText(this.index.chunk(h.label))).includes(needle)));
      weights.push(this.settings.lexicalWeight);
    }
    const fused = reciprocalRankFusion(lists, weights);
    const unique = collapseNearDuplicates(fused, (hit) => this.index.chunk(hit.label).text, k);
    return unique.map((hit, i) => ({ rank: i + 1, score: hit.score, chunk: this.index.chunk(hit.label) }));
  }

  private vectorSearchSoon(vector: Float32Array, filter: LabelFilter | undefined): () => Ranked[] {
    if (this.index.vectorSearchSoon) return this.index.vectorSearchSoon(vector, this.settings.depth, filter);
    const hits = this.index.vectorSearch(vector, this.settings.depth, filter);
    return () => hits;
  }
}
