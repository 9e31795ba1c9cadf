/**
 * The element at `index`, where the caller keeps the index in bounds (a loop over the array, a
 * position from the same table). Out of bounds is a bug: it throws and names the index, where a
 * `!` would let `undefined` run on as a number.
 */
export function itemAt<T>(array: ArrayLike<T>, index: number): T {
  const value = array[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside an array of ${array.length}`);
  return value;
}

/** `to` holding the first `length` elements of `from`: a typed array grown by copying into a larger one. */
export function grown<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(from: T, to: T, length: number): T {
  to.set(from.subarray(0, length));
  return to;
}
