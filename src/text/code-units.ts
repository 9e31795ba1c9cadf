/**
 * Tests of one UTF-16 code unit, answered from a table for the first 2,048 code units (Latin, Cyrillic, the
 * punctuation) filled by the same expression, so the answers are the expression's own: a Unicode-aware test
 * per character was a fifth of ingest's sentence splitting. Above the table the expression is asked; a code
 * past the end of a string (NaN) is no match.
 */
export function codeUnitTest(pattern: RegExp): (code: number) => boolean {
  const table = Uint8Array.from({ length: 2048 }, (_, code) => (pattern.test(String.fromCharCode(code)) ? 1 : 0));
  return (code) => (code < table.length ? table[code] === 1 : code === code && pattern.test(String.fromCharCode(code)));
}
