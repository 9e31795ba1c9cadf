import { describe, expect, it, vi } from 'vitest';
import { LocalEngine, type ServingState } from '../../src/engine/local-engine.js';
import type { FollowUpCondenser } from '../../src/conversation/exchange.js';
import type { Thesaurus } from '../../src/retrieval/thesaurus.js';

/** A serving state whose only working part is its vector store's `close` (what these tests watch). */
const stateWith = (close: () => void, dir: string) => ({ index: { dir, vectors: { close }, articles: [], chunks: { size: 0 }, embedder: { id: 'builtin' } } }) as unknown as ServingState;

describe('the engine and its search threads', () => {
  it('stops the vector store`s helper thread when the engine closes', () => {
    const close = vi.fn();
    const engine = new LocalEngine(stateWith(close, '/idx/a'), {} as FollowUpCondenser, () => Promise.reject(new Error('unused')), {} as Thesaurus);
    engine.close();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('stops the replaced index`s helper thread on a rebuild, and keeps the new one`s', async () => {
    const [oldClose, newClose] = [vi.fn(), vi.fn()];
    const next = stateWith(newClose, '/idx/b');
    const engine = new LocalEngine(stateWith(oldClose, '/idx/a'), {} as FollowUpCondenser, () => Promise.resolve(next), {} as Thesaurus);
    await engine.reindex();
    expect(oldClose).toHaveBeenCalledTimes(1);
    expect(newClose).not.toHaveBeenCalled();
    expect(engine.generation).toBe('/idx/b');
  });
});
