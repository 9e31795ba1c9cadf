import type { Article } from '../corpus/article.js';
import type { Chunk } from './chunk.js';
import { parseJson } from './record-file.js';
import { itemAt } from '../shared/arrays.js';

/** One article as the index knows it, gathered from its chunks. */
export type IndexedArticle = Pick<Article, 'id' | 'title' | 'date' | 'url' | 'source' | 'regions'>;

/** One line per article: what /latest, /sources and the stats need without reading any chunk. */
export const ARTICLES_FILE = 'articles.jsonl';

export function articleOfChunk(c: Chunk): IndexedArticle {
  return { id: c.articleId, title: c.title, date: c.date, url: c.url, source: c.source, regions: c.regions };
}


export /** Articles in order of first appearance, their regions merged. */
class ArticleTable {
  readonly list: IndexedArticle[] = [];
  private readonly index = new Map<string, number>();

  /** Returns the article's position in the list. */
  add(article: IndexedArticle): number {
    const known = this.index.get(article.id);
    if (known === undefined) {
      this.index.set(article.id, this.list.length);
      this.list.push({ ...article, regions: [...article.regions] });
      return this.list.length - 1;
    }
    const regions = itemAt(this.list, known).regions;
    for (const region of article.regions) if (!regions.includes(region)) regions.push(region);
    return known;
  }
}

const NEWLINE = 0x0a;
export function decodeArticles(bytes: Buffer, name: string): IndexedArticle[] {
  const articles: IndexedArticle[] = [];
  for (let start = 0, line = 1; start < bytes.length; line++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    const article = parseJson(bytes.toString('utf8', start, end)) as Partial<IndexedArticle> | undefined;
    if (typeof article !== 'object' || article === null || typeof article.id !== 'string' || !Array.isArray(article.regions)) {
      throw new Error(`chunks: ${name}: line ${line} is not an article`);
    }
    articles.push(article as IndexedArticle);
    start = end + 1;
  }
  return articles;
}
