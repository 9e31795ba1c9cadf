import { describe, expect, it } from 'vitest';
import { createLlm } from '../../src/engine/create-llm.js';
import type { LlmConfig } from '../../src/answer/llm/chat-model.js';
import { standaloneQuestion } from '../../src/conversation/llm-condenser.js';
import type { FollowUpCondenser } from '../../src/conversation/exchange.js';
import { useOpenAiStub } from '../helpers/openai-stub-server.js';
import { captureLogger } from '../answer/llm/fixtures.js';

const previous = {
  question: 'Сколько школ построили в Алматы в 2024 году?',
  answer: 'В Алматы в 2024 году построили 20 школ [1].',
};
const followUp = 'а в Шымкенте?';

/** Stands in for a rule-based condenser: leaves the question as it is. */
const unchanged: FollowUpCondenser = { condense: async (question) => question };

const stub = useOpenAiStub();

function condenser(timeoutMs = 2_000) {
  const config: LlmConfig = { baseUrl: stub.baseUrl, apiKey: undefined, model: 'test-model', timeoutMs, maxTokens: 300 };
  const { logger, records } = captureLogger();
  return { condenser: createLlm(config, logger)!.condenser(unchanged), records };
}

describe('LlmCondenser', () => {
  it('rewrites a follow-up into a standalone question using the previous exchange', async () => {
    const { condenser: c } = condenser();
    stub.script({ kind: 'text', content: 'Сколько школ построили в Шымкенте в 2024 году?' });
    expect(await c.condense(followUp, previous)).toBe('Сколько школ построили в Шымкенте в 2024 году?');
    const user = stub.requests[0]!.body.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain(previous.question);
    expect(user).toContain('построили 20 школ');
    expect(user).not.toContain('[1]');
    expect(user).toContain(followUp);
    expect(stub.requests[0]!.body.max_tokens).toBeLessThanOrEqual(120);
  });

  it('asks nothing when there is no previous exchange', async () => {
    const { condenser: c } = condenser();
    expect(await c.condense('Сколько школ в Шымкенте?', undefined)).toBe('Сколько школ в Шымкенте?');
    expect(stub.requests).toHaveLength(0);
  });

  it('falls back to the other condenser on a server error', async () => {
    const { condenser: c, records } = condenser();
    stub.script({ kind: 'status', status: 503 });
    expect(await c.condense(followUp, previous)).toBe(followUp);
    expect(records.find((r) => r.level === 40)?.reason).toBe('HTTP 503');
  });

  it('falls back within the timeout when the model stalls', async () => {
    const timeoutMs = 300;
    const { condenser: c } = condenser(timeoutMs);
    stub.script({ kind: 'stall' });
    const started = Date.now();
    expect(await c.condense(followUp, previous)).toBe(followUp);
    expect(Date.now() - started).toBeLessThan(timeoutMs + 500);
  });

  it('falls back on an empty reply', async () => {
    const { condenser: c } = condenser();
    stub.script({ kind: 'text', content: '   ' });
    expect(await c.condense(followUp, previous)).toBe(followUp);
  });
});

describe('standaloneQuestion', () => {
  it('takes the first line without a label or quotes', () => {
    expect(standaloneQuestion('Самостоятельный вопрос: «Сколько школ в Шымкенте?»\nПояснение…')).toBe(
      'Сколько школ в Шымкенте?',
    );
  });

  it('rejects empty and runaway replies', () => {
    expect(standaloneQuestion('\n \n')).toBeUndefined();
    expect(standaloneQuestion('а'.repeat(1000))).toBeUndefined();
  });
});
