/**
 * A small, deterministic Engine for bot tests and the bot benchmark: four inline articles, term-overlap
 * retrieval with the project's analyzer, extractive answers with [n] citations, region filters (chosen
 * or named in the question, as LocalEngine's resolveFilters), follow-ups through HeuristicCondenser,
 * and optional LLM-like streaming through onPartial. It keeps LocalEngine's contract: the question
 * check runs first, `answer.question` is the question as asked and `answer.standalone` the condensed one.
 */
import { createHash } from 'node:crypto';
import type { Answer, Citation } from '../../src/answer/answer.js';
import type { ArticleSummary, AskOptions, CorpusStats, Engine, RegionCount } from '../../src/engine/engine.js';
import { HeuristicCondenser } from '../../src/conversation/follow-up.js';
import { checkQuestion, UnusableQuestionError } from '../../src/engine/question.js';
import { detectRegions, regionName } from '../../src/corpus/regions.js';
import { analyze } from '../../src/text/analyzer.js';

interface FakeArticle {
  id: string;
  title: string;
  date: string;
  url: string | null;
  source: string;
  regions: string[];
  paragraphs: string[];
}

const DISTRICTS = ['Алмалинском', 'Ауэзовском', 'Бостандыкском', 'Жетысуском', 'Медеуском', 'Наурызбайском', 'Турксибском', 'Алатауском'];

export const FAKE_ARTICLES: FakeArticle[] = [
  {
    id: 'a1',
    title: 'В школах Алматы не хватает учителей',
    date: '2025-12-23',
    url: 'https://example.kz/almaty-schools?id=1&lang=ru',
    source: 'gov.kz',
    regions: ['almaty'],
    paragraphs: [
      'В школах Алматы не хватает 640 учителей, больше всего математиков и физиков. Об этом сообщил министр просвещения на совещании в акимате.',
      'Чтобы закрыть дефицит учителей, город выделит служебное жильё молодым педагогам и доплаты за работу в новых школах.',
      // Detailed report, district by district: long enough that a detailed answer exceeds one message.
      ...DISTRICTS.flatMap((district, i) => [
        `В ${district} районе Алматы не хватает ${40 + i * 7} учителей; школы района работают в три смены, а классы переполнены до ${30 + i} учеников.`,
        `Акимат Алматы обещает построить в ${district} районе ${2 + (i % 3)} новые школы до конца следующего года и принять туда учителей из педагогических вузов.`,
        `Родители учеников школ в ${district} районе жалуются, что учителей математики и физики заменяют педагоги других предметов.`,
      ]),
    ],
  },
  {
    id: 'a2',
    title: 'Встреча акима Алматинской области с жителями',
    date: '2025-11-21',
    url: null,
    source: 'Enbekshi QazaQ',
    regions: ['almaty-region'],
    paragraphs: [
      'В Алматинской области проживают около 1,6 млн человек, большинство из них (80,6%) — сельские жители.',
      'В области насчитывается 373 населённых пункта в 131 сельском округе; 122 сельских акима избраны прямым голосованием.',
    ],
  },
  {
    id: 'a3',
    title: 'В Шымкенте стало больше врачей',
    date: '2025-10-05',
    url: 'https://example.kz/shymkent-doctors',
    source: 'gov.kz',
    regions: ['shymkent'],
    paragraphs: [
      'В поликлиники Шымкента в этом году пришли работать 300 молодых врачей.',
      'Жителей Шымкента стало больше, поэтому в городе откроют две новые поликлиники и школу для одарённых детей.',
    ],
  },
  {
    id: 'a4',
    title: 'Обследование Кенгирского водохранилища',
    date: '2025-04-15',
    url: 'https://example.kz/kengir',
    source: 'Enbekshi QazaQ',
    regions: ['ulytau'],
    paragraphs: [
      'Министерство водных ресурсов и ирригации проведёт многофакторное обследование Кенгирского водохранилища.',
      'Из крупных водохранилищ северных и центральных областей сбрасывают воду, чтобы безопасно пропустить паводок.',
    ],
  },
];

const REFUSAL = 'К сожалению, я не нашёл ответа на этот вопрос в базе новостей.';
const DETAIL = /подробн/i;

export interface FakeEngineOptions {
  /** Emit the answer word by word through onPartial, this many ms apart (an LLM answerer). */
  streamDelayMs?: number;
  /** Latency before answering, like retrieval on a real index. */
  delayMs?: number;
  /** ask() answers only once this settles: a test keeps an answer in flight for as long as it needs. */
  hold?: Promise<unknown>;
  /** Questions matching this throw, as a broken engine would. */
  failOn?: RegExp;
  /** Word corrections applied before searching ("скока" → "сколько"), reported in `answer.corrections`. */
  spelling?: Record<string, string>;
}

interface Passage {
  article: FakeArticle;
  paragraph: string;
  ordinal: number;
  score: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeEngine implements Engine {
  /** Every ask() as received, for assertions on what the bot passed. */
  readonly calls: Array<{ question: string; options: AskOptions | undefined }> = [];
  reindexCount = 0;
  private readonly condenser = new HeuristicCondenser();

  constructor(private readonly options: FakeEngineOptions = {}) {}

  async ask(raw: string, options?: AskOptions): Promise<Answer> {
    this.calls.push({ question: raw, options });
    // The real engine's check, so the bot meets the same refusals and truncation.
    const check = checkQuestion(raw);
    if (!check.ok) throw new UnusableQuestionError(check.reason);
    const { question, truncated } = check;
    if (this.options.delayMs) await sleep(this.options.delayMs);
    if (this.options.hold) await this.options.hold;
    if (this.options.failOn?.test(question)) throw new Error(`fake engine: failure requested for "${question}"`);

    const { text: corrected, corrections } = this.correct(question);
    const standalone = await this.condenser.condense(corrected, options?.history);
    const asked = { question, standalone, corrections, relaxedRegions: [], truncated };
    // As LocalEngine's resolveFilters: a region named in the question wins over the chosen one.
    const named = detectRegions(standalone);
    const regions = named.length > 0 ? named : options?.regions;
    const passages = this.retrieve(standalone, regions);
    const detailed = DETAIL.test(standalone);
    const chosen = detailed ? passages : passages.slice(0, 2);
    const filters = regions ? { regions } : {};
    const id = createHash('sha256')
      .update([standalone, ...chosen.map((p) => `${p.article.id}#${p.ordinal}`)].join('|'))
      .digest('hex')
      .slice(0, 16);

    if (chosen.length === 0) {
      return {
        id, ...asked, answered: false, answer: REFUSAL, citations: [], passages: [], mode: 'extractive',
        suggestions: FAKE_ARTICLES.slice(0, 3).map((a) => a.title), filters,
      };
    }
    const citations: Citation[] = chosen.map((p, i) => ({
      n: i + 1, title: p.article.title, date: p.article.date, url: p.article.url, source: p.article.source,
      quote: p.paragraph, chunkId: `${p.article.id}#${p.ordinal}`, articleId: p.article.id,
    }));
    const text = chosen
      .map((p, i) => `${detailed ? p.paragraph : firstSentence(p.paragraph)} [${i + 1}]`)
      .join(detailed ? '\n\n' : ' ');
    if (options?.onPartial && this.options.streamDelayMs !== undefined) await this.stream(text, options.onPartial);
    return {
      id, ...asked, answered: true, answer: text, citations, passages: [],
      mode: this.options.streamDelayMs !== undefined ? 'llm' : 'extractive', suggestions: [], filters,
    };
  }

  stats(): CorpusStats {
    const dates = FAKE_ARTICLES.map((a) => a.date).sort();
    const sources = new Map<string, number>();
    for (const a of FAKE_ARTICLES) sources.set(a.source, (sources.get(a.source) ?? 0) + 1);
    return {
      articles: FAKE_ARTICLES.length,
      chunks: FAKE_ARTICLES.reduce((n, a) => n + a.paragraphs.length, 0),
      sources: [...sources].map(([source, articles]) => ({ source, articles })),
      dateFrom: dates[0] ?? null,
      dateTo: dates.at(-1) ?? null,
      embedder: 'fake',
    };
  }

  latest(count: number): ArticleSummary[] {
    return [...FAKE_ARTICLES]
      .sort((a, b) => b.date.localeCompare(a.date))
      .slice(0, count)
      .map(({ id, title, date, url, source }) => ({ id, title, date, url, source }));
  }

  regions(): RegionCount[] {
    const ids = [...new Set(FAKE_ARTICLES.flatMap((a) => a.regions))];
    return ids.map((id) => ({ id, name: regionName(id), articles: FAKE_ARTICLES.filter((a) => a.regions.includes(id)).length }));
  }

  async reindex(): Promise<CorpusStats> {
    if (this.options.delayMs) await sleep(this.options.delayMs);
    this.reindexCount++;
    return this.stats();
  }

  private correct(question: string): { text: string; corrections: Answer['corrections'] } {
    const corrections: Answer['corrections'] = [];
    const text = question.replace(/\p{L}+/gu, (word) => {
      const to = this.options.spelling?.[word.toLowerCase()];
      if (to === undefined) return word;
      corrections.push({ from: word, to });
      return to;
    });
    return { text, corrections };
  }

  private retrieve(question: string, regions: string[] | undefined): Passage[] {
    const terms = [...new Set(analyze(question))];
    if (terms.length === 0) return [];
    // Most terms must match; one stray word ("погода", "Марс") is not enough.
    const needed = Math.max(1, Math.ceil(terms.length * 0.6));
    const found: Passage[] = [];
    for (const article of FAKE_ARTICLES) {
      if (regions && !article.regions.some((r) => regions.includes(r))) continue;
      const titleTerms = new Set(analyze(article.title));
      article.paragraphs.forEach((paragraph, ordinal) => {
        const have = new Set([...analyze(paragraph), ...titleTerms]);
        const score = terms.filter((t) => have.has(t)).length;
        if (score >= needed) found.push({ article, paragraph, ordinal, score });
      });
    }
    return found.sort((a, b) => b.score - a.score || a.article.id.localeCompare(b.article.id) || a.ordinal - b.ordinal);
  }

  private async stream(text: string, onPartial: (textSoFar: string) => void): Promise<void> {
    const words = text.split(' ');
    for (let i = 1; i <= words.length; i++) {
      onPartial(words.slice(0, i).join(' '));
      await sleep(this.options.streamDelayMs ?? 0);
    }
  }
}

function firstSentence(paragraph: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(paragraph);
  return (m ? m[0] : paragraph).trim();
}
