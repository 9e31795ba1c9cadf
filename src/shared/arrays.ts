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
