import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureModel } from '../../scripts/fixture-model.js';
import { TransformersEmbedder } from '../../src/index/transformers-embedder.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

let modelsDir: string;

beforeAll(async () => {
  modelsDir = await mkdtemp(path.join(tmpdir(), 'zhauap-models-'));
  await writeFixtureModel(path.join(modelsDir, 'tiny'));
  // Same weights under a name that marks an e5 model, to see the prefixes applied.
  await writeFixtureModel(path.join(modelsDir, 'tiny-e5'));
});

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

const load = (model: string, extra: { quantized?: boolean; batchSize?: number; queryPrefix?: string } = {}) =>
  TransformersEmbedder.create({ model, modelsDir, allowRemote: false, ...extra });

describe('TransformersEmbedder', () => {
  it('loads a local model offline, discovers its dimension and returns unit vectors', async () => {
    const e = await load('tiny');
    expect(e.id).toBe('transformers:tiny:q8');
    expect(e.dimension).toBe(16);
    const query = await e.embedQuery('нехватка медиков в Алматы');
    expect(query).toBeInstanceOf(Float32Array);
    expect(query.length).toBe(16);
    expect(Math.sqrt(dot(query, query))).toBeCloseTo(1, 4);
  });

  it('scores texts on the same topic above unrelated ones', async () => {
    const e = await load('tiny');
    const query = await e.embedQuery('нехватка медиков в Алматы');
    const [similar, fuel, school] = await e.embedPassages([
      'в Алматы не хватает медицинских специалистов',
      'Цены на бензин выросли',
      'В Астане открыли новую школу',
    ]);
    expect(dot(query, similar!)).toBeGreaterThan(dot(query, fuel!) + 0.2);
    expect(dot(query, similar!)).toBeGreaterThan(dot(query, school!) + 0.2);
  });

  it('gives the same vectors whatever the batch size (padding does not leak in)', async () => {
    const texts = ['врач', 'нехватка учителей в школах Шымкента', 'бюджет', 'ремонт дорог в Астане летом', 'налог'];
    const batched = await (await load('tiny', { batchSize: 2 })).embedPassages(texts);
    const single = await load('tiny', { batchSize: 1 });
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await single.embedPassages([text]);
      Array.from(alone!).forEach((x, d) => expect(batched[i]![d]).toBeCloseTo(x, 5));
    }
  });

  it('loads the full-precision weights when quantized is off, with its own id', async () => {
    const fp32 = await load('tiny', { quantized: false });
    const q8 = await load('tiny');
    expect(fp32.id).toBe('transformers:tiny:fp32');
    const text = 'зарплаты учителей';
    expect(dot(await fp32.embedQuery(text), await q8.embedQuery(text))).toBeGreaterThan(0.99);
  });

  it('adds the e5 query/passage prefixes for e5 models and none for others', async () => {
    const e5 = await load('tiny-e5');
    const plain = await load('tiny');
    const text = 'школа';
    const [asQuery, asPassage] = await plain.embedPassages([`query: ${text}`, `passage: ${text}`]);
    expect(Array.from(await e5.embedQuery(text))).toEqual(Array.from(asQuery!));
    expect(Array.from((await e5.embedPassages([text]))[0]!)).toEqual(Array.from(asPassage!));
    expect(Array.from(await plain.embedQuery(text))).toEqual(Array.from((await plain.embedPassages([text]))[0]!));
  });

  it('uses an explicit query prefix for any model', async () => {
    const e = await load('tiny', { queryPrefix: 'врач ' });
    const [prefixed] = await e.embedPassages(['врач школа']);
    expect(Array.from(await e.embedQuery('школа'))).toEqual(Array.from(prefixed!));
  });

  it('downloads a missing model from the hub into modelsDir, then loads it from there offline', async () => {
    // A loopback stand-in for the hub, serving the fixture at /<model>/resolve/main/<file>.
    const requests: string[] = [];
    const hub = createServer((req, res) => {
      requests.push(req.url ?? '');
      const match = /^\/remote-tiny\/resolve\/main\/(.+)$/.exec(req.url ?? '');
      readFile(path.join(modelsDir, 'tiny', match?.[1] ?? 'missing'))
        .then((body) => res.writeHead(200).end(body))
        .catch(() => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    const downloadDir = await mkdtemp(path.join(tmpdir(), 'zhauap-download-'));
    try {
      const { port } = hub.address() as AddressInfo;
      const remote = await TransformersEmbedder.create({
        model: 'remote-tiny',
        modelsDir: downloadDir,
        allowRemote: true,
        remoteHost: `http://127.0.0.1:${port}/`,
      });
      expect(requests).toContain('/remote-tiny/resolve/main/onnx/model_quantized.onnx');
      expect((await stat(path.join(downloadDir, 'remote-tiny', 'onnx', 'model_quantized.onnx'))).size).toBeGreaterThan(0);

      const offline = await TransformersEmbedder.create({ model: 'remote-tiny', modelsDir: downloadDir, allowRemote: false });
      expect(Array.from(await offline.embedQuery('врач'))).toEqual(Array.from(await remote.embedQuery('врач')));
    } finally {
      await new Promise((resolve) => hub.close(resolve));
      await rm(downloadDir, { recursive: true, force: true });
    }
  });

  it('fails with a message naming the model and the local path when it is missing and remote is off', async () => {
    await expect(load('no-such-model')).rejects.toThrow(
      new RegExp(`transformers embedder: cannot load model "no-such-model" from ${modelsDir}/no-such-model \\(remote downloads disabled\\)`),
    );
  });
});
