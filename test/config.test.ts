import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_KEYS, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has a working default for everything but the token', () => {
    const c = loadConfig({}, '/srv/zhauap');
    expect(c.telegram).toMatchObject({ token: undefined, mode: 'polling', port: 8080, adminIds: [], rateLimitPerMinute: 10 });
    expect(c.dataDir).toBe('/srv/zhauap/data');
    expect(c.indexDir).toBe('/srv/zhauap/data/index');
    expect(c.stateDir).toBe('/srv/zhauap/data/state');
    expect(c.embeddings).toMatchObject({ mode: 'auto', model: 'Xenova/multilingual-e5-small', allowRemote: true });
    expect(c.llm).toBeUndefined();
    expect(c.redis).toBeUndefined();
  });

  it('sizes or turns off the exact filtered vector search, and rejects a negative size', () => {
    expect(loadConfig({}).vectorExactLimit).toBeUndefined();
    expect(loadConfig({ VECTOR_EXACT_LIMIT: '0' }).vectorExactLimit).toBe(0);
    expect(loadConfig({ VECTOR_EXACT_LIMIT: '5000' }).vectorExactLimit).toBe(5000);
    expect(() => loadConfig({ VECTOR_EXACT_LIMIT: '-1' })).toThrow(/VECTOR_EXACT_LIMIT/);
  });

  it('turns shared state on with REDIS_URL and rejects other schemes', () => {
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379/0' }).redis).toEqual({ url: 'redis://redis:6379/0', leaderLeaseMs: 15000 });
    expect(() => loadConfig({ REDIS_URL: 'http://redis:6379' })).toThrow(/REDIS_URL/);
  });

  it('lists every problem by variable name', () => {
    try {
      loadConfig({ BOT_MODE: 'carrier-pigeon', PORT: '99999', ADMIN_IDS: '12,abc', EMBEDDINGS: 'gpt' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      for (const key of ['BOT_MODE', 'PORT', 'ADMIN_IDS', 'EMBEDDINGS']) expect(message).toContain(key);
      expect(message).toContain('abc');
    }
  });

  it('requires WEBHOOK_URL in webhook mode and LLM_MODEL with LLM_BASE_URL', () => {
    expect(() => loadConfig({ BOT_MODE: 'webhook' })).toThrow(/WEBHOOK_URL/);
    const url = 'https://bot.example.org/hook';
    expect(() => loadConfig({ BOT_MODE: 'webhook', WEBHOOK_URL: url })).toThrow(/WEBHOOK_SECRET: required/);
    expect(() => loadConfig({ BOT_MODE: 'webhook', WEBHOOK_URL: url, WEBHOOK_SECRET: 'short' })).toThrow(/16 characters/);
    const ok = loadConfig({ BOT_MODE: 'webhook', WEBHOOK_URL: url, WEBHOOK_SECRET: 'a'.repeat(16) });
    expect(ok.telegram.webhookSecret).toBe('a'.repeat(16));
    expect(() => loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/LLM_MODEL/);
  });

  it('turns the LLM on with a model and parses ids and flags', () => {
    const c = loadConfig({ LLM_MODEL: 'qwen2.5', ADMIN_IDS: ' 1, 22 ', ALLOW_REMOTE_MODELS: 'false', TELEGRAM_API_ROOT: '' });
    expect(c.llm).toMatchObject({ model: 'qwen2.5', timeoutMs: 20000, maxTokens: 700 });
    expect(c.telegram.adminIds).toEqual([1, 22]);
    expect(c.telegram.apiRoot).toBeUndefined();
    expect(c.embeddings.allowRemote).toBe(false);
  });

  it('is mirrored by .env.example, one documented line per variable', () => {
    const example = readFileSync(path.resolve(import.meta.dirname, '../.env.example'), 'utf8');
    const keys = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(keys.sort()).toEqual([...ENV_KEYS].sort());
    for (const key of ENV_KEYS) expect(example).toMatch(new RegExp(`# [^\\n]+\\n${key}=`));
  });
});
