/**
 * Near-duplicate detection: MinHash over word shingles. Two texts whose signatures agree in most
 * positions share most of their 4-word shingles (estimated Jaccard similarity): the same press release
 * republished by a newspaper, or re-posted with small edits.
 */
import { fmix32, fnv1a } from '../shared/hash-mix.js';

const HASHES = 64;
const SHINGLE_WORDS = 4;
/** Estimated Jaccard similarity from which two articles count as one. */
export const NEAR_DUPLICATE = 0.6;

/** Seeds of the 64 hash functions, fixed so signatures stay comparable across runs. */
const SEEDS = Array.from({ length: HASHES }, (_, i) => fmix32((i + 1) * 0x9e3779b1));

export type Signature = Uint32Array;

/** Words of the text, lower-cased, punctuation and case differences ignored. */
function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function signature(text: string): Signature {
  const w = words(text);
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const count = Math.max(1, w.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < count; i++) {
    const shingle = fnv1a(w.slice(i, i + SHINGLE_WORDS).join(' '));
    SEEDS.forEach((seed, k) => {
      const h = fmix32(shingle ^ seed);
      if (h < (sig[k] ?? 0xffffffff)) sig[k] = h;
    });
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (0…1). */
export function similarity(a: Signature, b: Signature): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

export function encodeSignature(sig: Signature): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}


