import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fixHomoglyphs } from '../src/text/homoglyphs.js';
import type { Article } from '../src/corpus/article.js';

/** The dev question set (bench/devset.jsonl) and how its expectations map onto articles. */

export const DevQuestion = z.object({
  id: z.string(),
  question: z.string(),
  kind: z.enum(['fact', 'paraphrase', 'kazakh', 'offcorpus']),
  qtype: z.string(),
  expect: z.object({ file: z.string(), text: z.string() }).nullish(),
  facts: z.array(z.string()).nullish(),
});
export type DevQuestion = z.infer<typeof DevQuestion>;

export async function loadDevset(file: string): Promise<DevQuestion[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.map((line, i) => {
    const parsed = DevQuestion.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`devset: ${file}:${i + 1}: ${parsed.error.message}`);
    return parsed.data;
  });
}

// Look-alike letters count as the same: the corpus reads "Ильяc" (Latin c) as Cyrillic (src/text/homoglyphs.ts).
const squash = (s: string) => fixHomoglyphs(s).toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

/** The id of the article a question expects, found by file name and a verbatim snippet. */
export function expectedArticleId(q: DevQuestion, articles: Article[]): string | undefined {
  if (!q.expect) return undefined;
  const snippet = squash(q.expect.text);
  const hit = articles.find((a) => a.file === q.expect!.file && squash(`${a.title}\n${a.text}`).includes(snippet));
  if (!hit) throw new Error(`devset: ${q.id}: no article in ${q.expect.file} contains "${q.expect.text}"`);
  return hit.id;
}

export function containsFact(answer: string, facts: readonly string[]): boolean {
  const text = squash(answer);
  return facts.every((f) => text.includes(squash(f)));
}
