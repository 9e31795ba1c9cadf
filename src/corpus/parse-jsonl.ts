import { z } from 'zod';
import { parseDate } from '../text/dates.js';
import { toArticle, type ParseResult } from './parse-text.js';

/**
 * JSON Lines: one article per line, {"text": "...", "title"?, "date"?, "url"?, "source"?}.
 * A bad line is reported with its 1-based number and skipped; the other lines are kept.
 */

const optionalText = z
  .string({ error: 'должно быть строкой' })
  .nullish()
  .transform((v) => (v?.trim() ? v.trim() : null));

const RecordSchema = z.object({
  text: z.string({ error: 'обязательное текстовое поле' }).refine((v) => v.trim() !== '', 'пустой текст'),
  title: optionalText,
  source: optionalText,
  date: optionalText.transform((v, ctx) => {
    if (v === null) return null;
    const iso = parseDate(v);
    if (iso === null) ctx.addIssue({ code: 'custom', message: `дата "${v}" не в формате ГГГГ-ММ-ДД или ДД.ММ.ГГГГ` });
    return iso;
  }),
  url: optionalText.refine((v) => v === null || /^https?:\/\/\S+$/.test(v), 'ссылка должна начинаться с http:// или https://'),
}, { error: 'ожидался объект {"text": …}' });

export function parseJsonl(file: string, content: string): ParseResult {
  const result: ParseResult = { articles: [], warnings: [] };
  content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        result.warnings.push({ file, line, reason: `строка не является JSON: ${(err as Error).message}` });
        return;
      }
      const parsed = RecordSchema.safeParse(value);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
        result.warnings.push({ file, line, reason: `неверная запись: ${problems.join('; ')}` });
        return;
      }
      const article = toArticle(file, parsed.data);
      if (article) result.articles.push(article);
      else result.warnings.push({ file, line, reason: 'статья без текста пропущена' });
    });
  if (result.articles.length === 0 && result.warnings.length === 0) {
    result.warnings.push({ file, reason: 'файл пуст' });
  }
  return result;
}
