import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../../src/index/builtin-embedder.js';
import { inProcessEncoder, workerEncoder } from '../../src/index/passage-encoder.js';
import { analyze } from '../../src/text/analyzer.js';

const TEXTS = [
  'В Алматинской области проживают около 1,6 млн человек, большинство – сельчане.',
  'Аким области рассказал о строительстве новых школ в сёлах.',
  'Облыс әкімі ауылдардағы жаңа мектептердің құрылысы туралы айтты.',
  'Фермеры получили субсидии на посевную кампанию.',
];

describe('passage encoders', () => {
  it('give each passage the vector the embedder gives it and the terms BM25 would index', async () => {
    const embedder = new BuiltinEmbedder();
    embedder.fit(TEXTS);
    const { vectors, terms } = await inProcessEncoder(embedder).encode(TEXTS);
    expect(terms).toEqual(TEXTS.map(analyze));
    expect(vectors).toEqual(TEXTS.map((t) => embedder.embed(t)));
  });

  it('in worker threads, with the fitted state carried over, give the same result as in this thread', async () => {
    const embedder = new BuiltinEmbedder();
    embedder.fit(TEXTS);
    const encoder = workerEncoder(embedder, 2);
    try {
      const [a, b] = await Promise.all([encoder.encode(TEXTS.slice(0, 2)), encoder.encode(TEXTS.slice(2))]);
      expect([...a.terms, ...b.terms]).toEqual(TEXTS.map(analyze));
      expect([...a.vectors, ...b.vectors]).toEqual(TEXTS.map((t) => embedder.embed(t)));
    } finally {
      await encoder.close();
    }
  });

  it('fit with the counting shared between worker threads gives the table fit gives in one thread, and the held batches its vectors', async () => {
    const alone = new BuiltinEmbedder();
    alone.fit(TEXTS);
    const shared = new BuiltinEmbedder();
    const encoder = workerEncoder(shared, 2, { unfitted: true });
    try {
      // Batches given before the fit are its sample: counted by the worker that analyses them, embedded after it.
      const held = [encoder.encode(TEXTS.slice(0, 1)), encoder.encode(TEXTS.slice(1))];
      await encoder.fit();
      expect(shared.exportState()).toEqual(alone.exportState());
      const [a, b] = await Promise.all(held);
      expect([...a!.vectors, ...b!.vectors]).toEqual(TEXTS.map((t) => alone.embed(t)));
      expect([...a!.terms, ...b!.terms]).toEqual(TEXTS.map(analyze));
      // Later batches are embedded with the fitted table, not the one the workers started with.
      const { vectors } = await encoder.encode(TEXTS);
      expect(vectors).toEqual(TEXTS.map((t) => alone.embed(t)));
    } finally {
      await encoder.close();
    }
  });

  it('in this thread, unfitted, gives the held batches the vectors of a fit on them', async () => {
    const alone = new BuiltinEmbedder();
    alone.fit(TEXTS);
    const shared = new BuiltinEmbedder();
    const encoder = inProcessEncoder(shared, { unfitted: true });
    const held = [encoder.encode(TEXTS.slice(0, 3)), encoder.encode(TEXTS.slice(3))];
    await encoder.fit();
    expect(shared.exportState()).toEqual(alone.exportState());
    const [a, b] = await Promise.all(held);
    expect([...a!.vectors, ...b!.vectors]).toEqual(TEXTS.map((t) => alone.embed(t)));
  });
});
