import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { startLiveNews, type LiveNews } from '../../src/engine/live-news.js';
import type { PollSummary } from '../../src/sources/poller.js';
import { seedEngine } from '../helpers/seed-engine.js';
import { listingHtml, NewsSite } from './news-site.js';

/**
 * The whole live path on the seed engine: sources of every kind on a local site, polled once, stored
 * in the data dir, added to the loaded index; failures of some sources do not stop the others.
 */

const RELEASE = [
  'Министерство водных ресурсов и ирригации проведёт многофакторное обследование Кенгирского водохранилища в Улытауской области.',
  'Специалисты проверят состояние плотины, водосбросов и затворов, всего 14 гидротехнических сооружений, а также уровень наполнения водохранилища.',
  'Работы завершатся до начала паводкового периода, сообщили в министерстве.',
];
const SCHOOL = [
  'В Таразе открыли новую школу на 1200 мест для учеников микрорайона Жайлау.',
  'Школу построили за 14 месяцев за счёт местного бюджета, в ней 48 кабинетов, бассейн и спортивный зал.',
  'В школе будут работать 96 учителей, занятия начнутся первого сентября.',
];

let site: NewsSite;
let news: LiveNews;
let engine: Awaited<ReturnType<typeof seedEngine>>['engine'];
let dataDir: string;
let summaries: PollSummary[];
const fresh: string[] = [];

const byId = (id: string) => summaries.find((s) => s.source === id)!;

beforeAll(async () => {
  site = await new NewsSite().start();
  site.addPage('/news/school', { title: 'В Таразе открыли школу на 1200 мест', date: '2025-04-14', paragraphs: SCHOOL });
  site.addPage('/gov/release-1', { title: 'Обследование Кенгирского водохранилища', date: '2025-04-15', paragraphs: RELEASE }, { inFeed: false });
  site.addPage('/news/sitemap-only', { title: 'В Шымкенте высадили 5000 деревьев', date: '2025-04-13', paragraphs: ['В Шымкенте в ходе весеннего субботника высадили 5000 деревьев, в акции участвовали 12 тысяч жителей города.'] }, { inFeed: false });
  site.addPage('/private/secret', { title: 'Закрытая', date: '2025-04-13', paragraphs: ['Эту страницу роботам читать нельзя, она закрыта в robots.txt.'] }, { inFeed: false });
  site.sitemap = ['/news/sitemap-only', '/private/secret'];
  site.listingPages = [
    listingHtml(
      [
        { title: 'Обследование Кенгирского водохранилища', date: '2025-04-15', paragraphs: RELEASE, source: `${site.origin}/gov/release-1` },
        { title: 'В Костанае отремонтируют 30 дворов', date: '2025-04-14', paragraphs: ['В Костанае этим летом отремонтируют 30 дворов многоэтажных домов: заменят асфальт, освещение и детские площадки, на это выделено 900 млн тенге из городского бюджета.'] },
      ],
      '/listing?page=2',
    ),
    listingHtml([{ title: 'В Павлодаре открыли центр для пожилых', date: '2025-04-10', paragraphs: ['В Павлодаре открыли дневной центр для пожилых людей на 60 мест с бесплатными занятиями гимнастикой, компьютерными курсами и кружками для пенсионеров.'] }], null),
  ];
  const seed = await seedEngine();
  engine = seed.engine;
  dataDir = seed.dataDir;
  const sourcesFile = path.join(dataDir, 'test-sources.json');
  const o = site.origin;
  await writeFile(sourcesFile, JSON.stringify({
    sources: [
      { id: 'feed', name: 'Новости региона', kind: 'rss', url: `${o}/feed.xml`, every: '1h' },
      { id: 'paper', name: 'Enbekshi QazaQ', kind: 'listing', url: `${o}/listing`, every: '1h' },
      { id: 'gov', name: 'Министерство водных ресурсов', kind: 'page', url: `${o}/gov/release-1`, every: '1h', original: true },
      { id: 'map', name: 'Карта сайта', kind: 'sitemap', url: `${o}/sitemap.xml`, every: '1h' },
      { id: 'broken', name: 'Ошибка', kind: 'rss', url: `${o}/error`, every: '1h' },
      { id: 'hung', name: 'Зависший', kind: 'rss', url: `${o}/hang`, every: '1h' },
      { id: 'loop', name: 'Петля', kind: 'page', url: `${o}/loop-a`, every: '1h' },
      { id: 'badxml', name: 'Битый XML', kind: 'rss', url: `${o}/bad.xml`, every: '1h' },
      { id: 'huge', name: 'Огромная', kind: 'page', url: `${o}/huge`, every: '1h' },
    ],
  }));
  const config = { ...seed.config, sources: { ...seed.config.sources, file: sourcesFile, contact: 'mailto:ops@example.kz' } };
  news = (await startLiveNews(config, pino({ level: 'silent' }), engine, {
    schedule: false,
    fetcher: { timeoutMs: 500, retries: 1, backoffMs: 10, hostDelayMs: 5, maxBytes: 1 << 20 },
    onFresh: async (articles) => void fresh.push(...articles.map((a) => a.url ?? a.id)),
  }))!;
  summaries = await news.pollAll();
}, 60_000);

afterAll(async () => {
  await news?.stop();
  await site?.stop();
});

describe('live news on the seed engine', () => {
  it('makes a new feed article answerable, citing its canonical page, without a restart', async () => {
    expect(byId('feed')).toMatchObject({ new: 1, failed: null });
    const answer = await engine.ask('Сколько учителей будет работать в новой школе в Таразе?');
    expect(answer.answered).toBe(true);
    expect(answer.answer).toContain('96 учителей');
    expect(answer.citations.map((c) => c.url)).toContain(`${site.origin}/news/school`);
    expect(engine.latest(50)).toContainEqual(expect.objectContaining({ title: 'Обследование Кенгирского водохранилища', url: `${site.origin}/gov/release-1` }));
  });

  it('merges the newspaper copy into the original press release: one article, the original as the primary link', async () => {
    const lines = (await readFile(path.join(dataDir, 'live-gov.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { url: string; alternates: string[] });
    const paper = (await readFile(path.join(dataDir, 'live-paper.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { title: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.url).toBe(`${site.origin}/gov/release-1`);
    expect(lines[0]!.alternates).toEqual([expect.stringContaining(`${site.origin}/listing`)]);
    expect(paper.map((p) => p.title)).toEqual(['В Костанае отремонтируют 30 дворов', 'В Павлодаре открыли центр для пожилых']);
    expect(byId('paper').new + byId('gov').new).toBe(3);
    expect(byId('paper').duplicates + byId('gov').duplicates).toBe(1);
    const answer = await engine.ask('Сколько гидротехнических сооружений проверят на Кенгирском водохранилище?');
    expect(answer.citations[0]!.url).toBe(`${site.origin}/gov/release-1`);
    expect(answer.citations.filter((c) => c.url?.includes('/listing'))).toEqual([]);
  });

  it('follows the listing to its second page, reads the sitemap, and never requests a path robots.txt disallows', async () => {
    expect(site.paths()).toContain('/listing?page=2');
    expect(byId('map')).toMatchObject({ new: 1, failed: null });
    expect(site.paths().filter((p) => p.startsWith('/private/'))).toEqual([]);
    expect((await engine.ask('Сколько деревьев высадили в Шымкенте?')).answer).toContain('5000 деревьев');
  });

  it('logs each failing source with its reason and goes on with the others', () => {
    expect(byId('broken').failed).toMatch(/HTTP 500/);
    expect(byId('hung').failed).toMatch(/no (complete )?response in 500 ms/);
    expect(byId('loop').failed).toMatch(/redirects/);
    expect(byId('badxml').failed).toMatch(/not well-formed/);
    expect(byId('huge').failed).toMatch(/cap/);
    expect(summaries.filter((s) => s.failed === null).map((s) => s.source).sort()).toEqual(['feed', 'gov', 'map', 'paper']);
  });

  it('writes the documented JSONL format: a rebuild from the data dir holds the same live articles', async () => {
    const corpus = await loadCorpus(dataDir);
    expect(corpus.warnings).toEqual([]);
    const live = corpus.articles.filter((a) => a.file.startsWith('live-')).map((a) => a.url).sort();
    expect(live).toHaveLength(5);
    expect(live).toContain(`${site.origin}/gov/release-1`);
    expect(live).toContain(`${site.origin}/news/school`);
    expect(fresh).toContain(`${site.origin}/news/school`);
  });

  it('polls again without storing anything twice; a real update of a page replaces its old text', async () => {
    const again = await news.pollAll();
    expect(again.reduce((n, s) => n + s.new + s.updated + s.duplicates, 0)).toBe(0);
    // The feed answered 304 to its ETag.
    expect(site.requests.filter((r) => r.path === '/feed.xml').at(-1)!.ifNoneMatch).toBeTruthy();

    // The ministry corrects its release: the old figure must disappear from answers.
    site.addPage('/gov/release-1', { title: 'Обследование Кенгирского водохранилища', date: '2025-04-15', paragraphs: [RELEASE[0]!, RELEASE[1]!.replace('14 гидротехнических', '16 гидротехнических'), RELEASE[2]!] }, { inFeed: false });
    // The feed re-posts the school story under another URL with a small edit: merged, not a second article.
    site.addPage('/news/school-repost', { title: 'В Таразе открылась школа на 1200 мест', date: '2025-04-15', paragraphs: [SCHOOL[0]!, SCHOOL[1]!, 'В школе будут работать 96 учителей, занятия начнутся 1 сентября.'] });
    const updated = await news.pollAll();
    expect(updated.find((s) => s.source === 'gov')).toMatchObject({ updated: 1, new: 0 });
    expect(updated.find((s) => s.source === 'feed')).toMatchObject({ duplicates: 1, new: 0 });
    const feedLines = (await readFile(path.join(dataDir, 'live-feed.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { url: string; alternates: string[] });
    expect(feedLines).toEqual([expect.objectContaining({ url: `${site.origin}/news/school`, alternates: [`${site.origin}/news/school-repost`] })]);
    const answer = await engine.ask('Сколько гидротехнических сооружений проверят на Кенгирском водохранилище?');
    expect(answer.answer).toContain('16 гидротехнических');
    expect(answer.answer).not.toContain('14 гидротехнических');
    const lines = (await readFile(path.join(dataDir, 'live-gov.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('16 гидротехнических');
  });
});
