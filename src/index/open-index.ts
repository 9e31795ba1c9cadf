import { buildIndex, type BuildOptions } from './build-index.js';
import { IndexError, loadIndex, type LoadedIndex } from './load-index.js';

/**
 * The index for serving: the current generation when it is usable, otherwise a build from the
 * data directory (which logs why). Data changes are picked up by an explicit buildIndex (ingest,
 * /reindex), not here, so a start with a good index never re-reads the corpus.
 */
export async function openIndex(options: BuildOptions): Promise<LoadedIndex> {
  if (!options.force) {
    try {
      return await loadIndex(options.indexDir, options.embedder, { hnsw: options.hnsw });
    } catch (err) {
      if (!(err instanceof IndexError)) throw err;
    }
  }
  return (await buildIndex(options)).index;
}
