import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/sources/canonical.js';
import { findDateInText } from '../../src/text/dates.js';
import { ExtractError, extractArticle, parseFeed, parseListing, parseSitemap } from '../../src/sources/extract.js';
import { articleHtml, listingHtml } from './news-site.js';

const ORIGIN = 'http://127.0.0.1:9';

describe('extraction', () => {
  it('takes an article out of a page full of navigation, sidebars and footers, with its JSON-LD date', () => {
    const html = articleHtml({ title: 'В Таразе открыли школу на 1200 мест', date: '2025-04-14', canonical: '/news/school?utm_source=tg', paragraphs: ['В Таразе открыли новую школу на 1200 мест. Её построили за счёт местного бюджета.', 'В школе будут работать 90 учителей, занятия начнутся 1 сентября.'] }, ORIGIN);
    const a = extractArticle(html, `${ORIGIN}/news/school?fbclid=xyz`);
    expect(a.title).toBe('В Таразе открыли школу на 1200 мест');
    expect(a.date).toBe('2025-04-14');
    expect(a.url).toBe(`${ORIGIN}/news/school`);
    expect(a.text).toContain('90 учителей');
    expect(a.text).toContain('1200 мест');
    for (const noise of ['Гороскоп', 'Курс валют', 'Все права защищены', 'Реклама']) expect(a.text).not.toContain(noise);
  });

  it('reads dates written as Russian or Kazakh text, and only real ones', () => {
    expect(findDateInText('Опубликовано 14 апреля 2025 г. в 10:00')).toBe('2025-04-14');
    expect(findDateInText('Жарияланды: 3 наурыз 2025')).toBe('2025-03-03');
    expect(findDateInText('31.02.2025 или 01.03.2025')).toBe('2025-03-01');
    expect(findDateInText('без даты')).toBeNull();
  });

  it('drops tracking parameters and fragments from URLs, keeps the rest', () => {
    expect(canonicalUrl('https://WWW.Gov.kz/memleket/entities/water/press/news/details/961540?lang=kk&utm_source=fb#top')).toBe(
      'https://www.gov.kz/memleket/entities/water/press/news/details/961540?lang=kk',
    );
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
  });

  it('parses RSS items and marks summary-only ones', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>Короткая</title><link>${ORIGIN}/a?utm_campaign=x</link><pubDate>Mon, 14 Apr 2025 08:00:00 GMT</pubDate><description>Первое предложение.</description></item>
      </channel></rss>`;
    const [item] = parseFeed(xml, `${ORIGIN}/feed.xml`);
    expect(item).toMatchObject({ url: `${ORIGIN}/a`, title: 'Короткая', date: '2025-04-14', summaryOnly: true });
    expect(() => parseFeed('<rss><channel><item><title>сломано', `${ORIGIN}/bad.xml`)).toThrow(ExtractError);
  });

  it('reads a listing in the seed newspaper layout: dated headings, bodies, the cited original, the next page', () => {
    const html = listingHtml(
      [
        { title: 'Обследование Кенгирского водохранилища', date: '2025-04-15', paragraphs: ['Министерство водных ресурсов проведёт обследование.'], source: 'https://www.gov.kz/memleket/entities/water/press/news/details/961540?lang=kk' },
        { title: 'Посевная в Акмолинской области', date: '2025-04-14', paragraphs: ['Аграрии начали посевную.'] },
      ],
      '/listing?page=2',
    );
    const page = parseListing(html, `${ORIGIN}/listing`);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({ title: 'Обследование Кенгирского водохранилища', date: '2025-04-15', originalUrl: 'https://www.gov.kz/memleket/entities/water/press/news/details/961540?lang=kk' });
    expect(page.items[0]!.text).toBe('Министерство водных ресурсов проведёт обследование.');
    expect(page.next).toBe(`${ORIGIN}/listing?page=2`);
  });

  it('reads a sitemap, and refuses malformed XML', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${ORIGIN}/n/1</loc><lastmod>2025-04-15T10:00:00+05:00</lastmod></url></urlset>`;
    expect(parseSitemap(xml, `${ORIGIN}/sitemap.xml`)).toEqual({ kind: 'urls', entries: [{ url: `${ORIGIN}/n/1`, lastmod: '2025-04-15' }] });
    expect(() => parseSitemap('<urlset><url><loc>x', `${ORIGIN}/sitemap.xml`)).toThrow(/not well-formed/);
  });
});
