import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureModel } from '../../scripts/fixture-model.js';
import type { Config } from '../../src/config.js';
import { createEmbedder } from '../../src/index/create-embedder.js';

let modelsDir: string;

beforeAll(async () => {
  modelsDir = await mkdtemp(path.join(tmpdir(), 'zhauap-models-'));
  await writeFixtureModel(path.join(modelsDir, 'tiny'));
});

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

/** A pino logger whose JSON lines land in memory. */
function memoryLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'debug' }, { write: (chunk: string) => void lines.push(JSON.parse(chunk)) });
  return { logger, warnings: () => lines.filter((l) => l.level === 40) };
}

const settings = (mode: Config['embeddings']['mode'], model: string): Config['embeddings'] => ({
  mode,
  model,
  modelsDir,
  allowRemote: false,
});

describe('createEmbedder', () => {
  it('builtin mode gives the built-in embedder without touching the models directory', async () => {
    const { logger, warnings } = memoryLogger();
    const e = await createEmbedder(settings('builtin', 'tiny'), logger);
    expect(e.id).toBe('builtin-hash-v1:d384');
    expect(warnings()).toHaveLength(0);
  });

  it('auto mode uses the neural model when its files are present', async () => {
    const { logger, warnings } = memoryLogger();
    const e = await createEmbedder(settings('auto', 'tiny'), logger);
    expect(e.id).toBe('transformers:tiny:q8');
    expect(warnings()).toHaveLength(0);
  });

  it('auto mode falls back to the built-in embedder with exactly one warning that says how to fix it', async () => {
    const { logger, warnings } = memoryLogger();
    const started = Date.now();
    const e = await createEmbedder(settings('auto', 'missing-model'), logger);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.id).toBe('builtin-hash-v1:d384');
    expect(warnings()).toHaveLength(1);
    const [warning] = warnings();
    expect(warning!.msg).toContain('cannot load model "missing-model"');
    expect(warning!.msg).toContain('built-in embedder');
    expect(warning!.msg).toContain('MODELS_DIR');
    expect(warning!.msg).toContain(path.join(modelsDir, 'missing-model'));
    expect(warning!.msg).toContain('internet');
    // The embedder it returns works.
    expect((await e.embedQuery('нехватка медиков')).length).toBe(384);
  });

  it('transformers mode does not fall back: a missing model is an error', async () => {
    const { logger } = memoryLogger();
    await expect(createEmbedder(settings('transformers', 'missing-model'), logger)).rejects.toThrow(
      /cannot load model "missing-model"/,
    );
  });
});
