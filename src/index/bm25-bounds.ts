/**
 * A posting list's score bounds for the pruned search: its largest term frequency and its shortest document
 * (the BM25 contribution grows with the one and shrinks with the other), and whether its labels ascend.
 */
export interface ListBounds {
  maxTf: number;
  minLength: number;
  sorted: boolean;
}

/** One pass over a list of `length` postings; runs on a term's first pruned search, over up to a million postings. */
export function listBounds(docs: Uint32Array, tfs: Uint16Array, length: number, docLengths: Uint32Array): ListBounds {
  let maxTf = 0;
  let minLength = Infinity;
  let sorted = true;
  // Plain typed-array reads: a generic accessor here was a quarter of a profile.
  for (let i = 0, previous = -1; i < length; i++) {
    const doc = docs[i] ?? 0;
    const tf = tfs[i] ?? 0;
    if (tf > maxTf) maxTf = tf;
    const dl = docLengths[doc] ?? 0;
    if (dl < minLength) minLength = dl;
    if (doc <= previous) sorted = false;
    previous = doc;
  }
  return { maxTf, minLength: minLength === Infinity ? 0 : minLength, sorted };
}
