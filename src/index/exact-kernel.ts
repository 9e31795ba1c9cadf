/**
 * Exact nearest rows of an int8 matrix, computed natively: many rows per call. usearch's `exactSearch`
 * (Unum, the SimSIMD kernels with AVX2 / AVX-512 / NEON dispatch, prebuilt for linux-x64 and arm64)
 * ranks 100k rows of 384 int8 codes in ≈ 8 ms of CPU, where a JavaScript loop takes ≈ 90 ms. SimSIMD's own
 * binding computes one pair per call, and a call costs ≈ 0.5 µs: only twice the JavaScript loop's speed
 * (bench/README.md, "Exact vector search with a native kernel").
 */
export interface Int8Kernel {
  /**
   * The `count` rows of `rows` (row-major, `dimension` codes a row; `count` ≤ the row count) with the
   * largest cosine to `query`, best first: their row numbers and cosines.
   */
  nearest(rows: Int8Array, query: Int8Array, dimension: number, count: number): { rows: BigUint64Array; cosines: Float32Array };
}

/** Why the native kernel could not be loaded (the exact path then ranks in JavaScript). */
export let kernelError: Error | undefined;

async function loadKernel(): Promise<Int8Kernel | undefined> {
  try {
    const { exactSearch, MetricKind } = await import('usearch');
    return {
      nearest(rows, query, dimension, count) {
        // usearch reads a view's buffer from its start, whatever the view's offset: a view elsewhere is copied.
        const [data, q] = [rows.byteOffset === 0 ? rows : rows.slice(), query.byteOffset === 0 ? query : query.slice()];
        // One thread: the machine's other core answers the next question (and CPU time stays comparable).
        const { keys, distances } = exactSearch(data, q, dimension, count, MetricKind.Cos, 1);
        return { rows: keys, cosines: distances.map((d) => 1 - d) };
      },
    };
  } catch (err) {
    // No prebuilt binary for this platform and no compiler at install: slower, but the same results.
    kernelError = err instanceof Error ? err : new Error(String(err));
    return undefined;
  }
}

/** The native kernel, or undefined where it cannot load (`kernelError` says why). */
export const int8Kernel: Int8Kernel | undefined = await loadKernel();
