/**
 * The question a suggested topic asks when its button is tapped. A topic is an article title, often
 * cut with "…" by the source; the title's own words are what find the article again, so the question
 * is the title without the cut mark and trailing punctuation.
 */
export function topicQuestion(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/[\s.…,;:!?—–-]+$/u, '')
    .trim();
}
