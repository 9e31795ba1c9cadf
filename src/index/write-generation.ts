import { rm } from 'node:fs/promises';
import path from 'node:path';
import { writeDurably } from '../shared/atomic-write.js';
import { ChunkStore } from './chunk-store.js';
import { createGeneration, digestFile, publishGeneration } from './generations.js';
import { EMBEDDER_STATE_FILE, BM25_FILE, type LoadedIndex } from './load-index.js';
import { MANIFEST_FILE, type IndexManifest } from './manifest.js';
import { vectorFormOf } from './vector-files.js';

type IndexParts = Pick<LoadedIndex, 'chunks' | 'embedder'> & { bm25: Pick<LoadedIndex['bm25'], 'save'>; vectors: Pick<LoadedIndex['vectors'], 'save'> };

/**
 * Writes a new generation (manifest last, with every file's checksum) and makes it current.
 * Returns the chunk store read back from it.
 */
export async function writeGeneration(
  indexDir: string,
  parts: IndexParts,
  description: Omit<IndexManifest, 'contents'>,
  options: { skipChunks?: ReadonlySet<number> } = {},
): Promise<{ dir: string; manifest: IndexManifest; saved: ChunkStore }> {
  const dir = await createGeneration(indexDir);
  let manifest: IndexManifest;
  let saved: ChunkStore;
  try {
    const names = await parts.vectors.save(dir);
    const vectorForm = vectorFormOf(names);
    await parts.bm25.save(path.join(dir, BM25_FILE));
    names.push(BM25_FILE, ...(await parts.chunks.save(dir, options.skipChunks)));
    const state = parts.embedder.exportState?.();
    if (state) {
      await writeDurably(path.join(dir, EMBEDDER_STATE_FILE), state);
      names.push(EMBEDDER_STATE_FILE);
    }
    const contents = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await digestFile(path.join(dir, n))] as const)));
    manifest = { ...description, vectorForm, contents };
    await writeDurably(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    saved = await ChunkStore.load(dir);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  await publishGeneration(indexDir, dir);
  return { dir, manifest, saved };
}
