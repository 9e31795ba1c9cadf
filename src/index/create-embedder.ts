import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { BuiltinEmbedder } from './builtin-embedder.js';
import type { Embedder } from './embedder.js';

/**
 * Picks the embedder for the configured mode. transformers.js (and ONNX Runtime with it) is
 * imported only when a neural model is wanted, so builtin mode starts without loading it.
 * Offline, a missing model fails fast: the hub fetch errors at DNS/connect time (bounded by
 * Node's 10 s connect timeout where packets are dropped), and local-only loading is a file check.
 */
export async function createEmbedder(settings: Config['embeddings'], logger: Logger): Promise<Embedder> {
  switch (settings.mode) {
    case 'builtin':
      return new BuiltinEmbedder();
    case 'transformers':
      return loadTransformers(settings);
    case 'auto':
      try {
        return await loadTransformers(settings);
      } catch (err) {
        // Expected offline, so no stack: the reason and the way out fit on one line.
        const reason = err instanceof Error ? err.message : String(err);
        const builtin = new BuiltinEmbedder();
        logger.warn(
          { model: settings.model, embedder: builtin.id },
          `embeddings: ${reason}. Using the built-in embedder instead (lower answer quality). ` +
            `To get the neural model, put its files in ${path.join(settings.modelsDir, settings.model)} (under MODELS_DIR) ` +
            'or run once with internet access and ALLOW_REMOTE_MODELS=true to download them there.',
        );
        return builtin;
      }
  }
}

async function loadTransformers(settings: Config['embeddings']): Promise<Embedder> {
  const { TransformersEmbedder } = await import('./transformers-embedder.js');
  return TransformersEmbedder.create({
    model: settings.model,
    modelsDir: settings.modelsDir,
    allowRemote: settings.allowRemote,
  });
}
