/** Deterministic vectors for the vector-store tests. */

/** The vector scaled to unit length. */
export const unit = (xs: number[]) => {
  const norm = Math.hypot(...xs);
  return Float32Array.from(xs, (x) => x / norm);
};

/** Deterministic pseudo-random unit vectors. */
export function randomVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, () => unit(Array.from({ length: dimension }, next)));
}

/** The float dot product: the cosine of two unit vectors. */
export const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, d) => sum + x * (b[d] ?? 0), 0);
