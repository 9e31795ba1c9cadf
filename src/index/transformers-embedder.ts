import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import type { Embedder } from './embedder.js';
import { itemAt } from '../shared/arrays.js';

/** Neural sentence embeddings through transformers.js (ONNX Runtime on the CPU). */

export const DEFAULT_TRANSFORMERS_MODEL = 'Xenova/multilingual-e5-small';

export interface TransformersEmbedderOptions {
  /** Hub id ("Xenova/multilingual-e5-small") or a directory name under modelsDir. */
  model: string;
  modelsDir: string;
  allowRemote: boolean;
  quantized?: boolean;
  queryPrefix?: string;
  passagePrefix?: string;
  batchSize?: number;
  /** A Hugging Face hub mirror (URL ending in "/"); defaults to the hub itself. */
  remoteHost?: string;
}

const DEFAULT_BATCH_SIZE = 16;
const HUB = env.remoteHost;

/** e5 models were trained with these markers; without them retrieval quality drops. */
function isE5(model: string): boolean {
  return /(^|[/_-])e5([/_-]|$)/i.test(model);
}

export class TransformersEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimension: number,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly queryPrefix: string,
    private readonly passagePrefix: string,
    private readonly batchSize: number,
  ) {}

  /**
   * Loads from modelsDir/<model> first; with allowRemote, a missing model is downloaded from the
   * Hugging Face hub (or remoteHost) into modelsDir, so the next run, even offline, finds it there.
   * transformers.js settings are process-wide: the last create() wins.
   */
  static async create(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const { model, modelsDir, allowRemote, quantized = true, remoteHost = HUB } = options;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new Error(`transformers embedder: batchSize must be a positive integer, got ${batchSize}`);
    }
    env.localModelPath = modelsDir;
    env.cacheDir = modelsDir;
    env.allowLocalModels = true;
    env.allowRemoteModels = allowRemote;
    env.remoteHost = remoteHost;

    let extractor: FeatureExtractionPipeline;
    try {
      extractor = (await pipeline('feature-extraction', model, { quantized })) as FeatureExtractionPipeline;
    } catch (err) {
      const where = path.join(modelsDir, model);
      const source = allowRemote ? `${where} or ${remoteHost}` : `${where} (remote downloads disabled)`;
      throw new Error(`transformers embedder: cannot load model "${model}" from ${source}: ${describe(err)}`, {
        cause: err,
      });
    }
    const e5 = isE5(model);
    const queryPrefix = options.queryPrefix ?? (e5 ? 'query: ' : '');
    const passagePrefix = options.passagePrefix ?? (e5 ? 'passage: ' : '');
    const [probe] = await embedBatch(extractor, [`${passagePrefix}probe`]);
    if (!probe || probe.length === 0) throw new Error(`transformers embedder: model "${model}" returned an empty vector`);
    const id = `transformers:${model}:${quantized ? 'q8' : 'fp32'}`;
    return new TransformersEmbedder(id, probe.length, extractor, queryPrefix, passagePrefix, batchSize);
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await embedBatch(this.extractor, [this.queryPrefix + text]);
    if (!vector) throw new Error('transformers embedder: the model returned no vector for the query');
    return vector;
  }

  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((t) => this.passagePrefix + t);
      vectors.push(...(await embedBatch(this.extractor, batch)));
    }
    return vectors;
  }
}

/** Mean-pooled, L2-normalized rows, each copied out of the batch tensor so it owns its memory. */
async function embedBatch(extractor: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array[]> {
  const output = await extractor(texts, { pooling: 'mean', normalize: true });
  const dimension = itemAt(output.dims, output.dims.length - 1);
  const data = output.data as Float32Array;
  return texts.map((_, i) => data.slice(i * dimension, (i + 1) * dimension));
}

/** Error message plus its cause ("fetch failed" alone does not say the hub is unreachable). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return err.message + cause;
}
