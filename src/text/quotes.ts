/**
 * Text in quotes: «Школа акимов», "TilOquBot", „…“. The one reading of quote marks for every module that treats a
 * quoted name apart (retrieval searches it verbatim, the answer requires its words, a refusal's language ignores it).
 * Marks are not paired by kind: people mix them («Нұрлы жер").
 */

const OPEN = '«"“„';
const CLOSE = '»"”“';

/** Quoted spans of `min`–`max` characters between the marks, without the marks. */
export function quotedTexts(text: string, min = 0, max = Number.MAX_SAFE_INTEGER): string[] {
  const pattern = new RegExp(`[${OPEN}]([^${CLOSE}]{${min},${max === Number.MAX_SAFE_INTEGER ? '' : max}})[${CLOSE}]`, 'gu');
  return [...text.matchAll(pattern)].map((m) => m[1] ?? '');
}

/** The text with every quoted span, marks included, replaced by a space. */
export function withoutQuoted(text: string): string {
  return text.replace(new RegExp(`[${OPEN}][^${CLOSE}]*[${CLOSE}]`, 'gu'), ' ');
}
