import { ChatOpenAI } from '@langchain/openai';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';

export type LlmConfig = NonNullable<Config['llm']>;

/**
 * The OpenAI client's own diagnostics (e.g. the raw line of a garbage event stream) go into the JSON log
 * at debug, never to stderr as bare text: they are model output.
 */
function clientLogger(logger: Logger) {
  const log = (level: string) => (message: string, ...rest: unknown[]) =>
    logger.debug({ clientLevel: level, detail: rest.map((r) => String(r).slice(0, 500)) }, `llm client: ${String(message).slice(0, 200)}`);
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}

/** Any OpenAI-compatible chat API (OpenAI, Ollama, vLLM, llama.cpp server). */
export function createChatModel(config: LlmConfig, logger: Logger, maxTokens: number = config.maxTokens): ChatOpenAI {
  return new ChatOpenAI({
    model: config.model,
    // Local servers need no key, but the OpenAI client refuses to start without one.
    apiKey: config.apiKey ?? 'no-key',
    configuration: { ...(config.baseUrl ? { baseURL: config.baseUrl } : {}), logger: clientLogger(logger), logLevel: 'warn' },
    maxTokens,
    timeout: config.timeoutMs,
    // A retry would blow the time budget; callers fall back to the extractive path instead.
    maxRetries: 0,
    temperature: 0,
    // stream_options is unknown to some compatible servers.
    streamUsage: false,
  });
}

export class LlmTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`llm: no complete reply within ${timeoutMs} ms`);
    this.name = 'LlmTimeoutError';
  }
}

export interface CompleteOptions {
  timeoutMs: number;
  /** The caller's cancellation; its reason is rethrown as is. */
  signal?: AbortSignal;
  onText?: (textSoFar: string) => void;
}

/**
 * Streams a completion and returns its whole text. The timeout covers the entire reply, so a server
 * that stalls mid-stream is cut off too (the client's own timeout only guards the wait for headers).
 */
export async function complete(model: BaseChatModel, messages: BaseMessage[], options: CompleteOptions): Promise<string> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new LlmTimeoutError(options.timeoutMs)), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
  try {
    let text = '';
    for await (const chunk of await model.stream(messages, { signal })) {
      if (!chunk.text) continue;
      text += chunk.text;
      options.onText?.(text);
    }
    return text;
  } catch (err) {
    if (timeout.signal.aborted) throw timeout.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** A short reason for logs: status or error class and the first line of the message, never headers or bodies. */
export function describeFailure(err: unknown): string {
  if (err instanceof LlmTimeoutError) return `timeout after ${err.timeoutMs} ms`;
  const status = (err as { status?: unknown } | null)?.status;
  if (status === 429) return 'rate limited (HTTP 429)';
  if (typeof status === 'number') return `HTTP ${status}`;
  if (err instanceof Error) return `${err.name}: ${(err.message.split('\n')[0] ?? '').slice(0, 200)}`;
  return String(err).slice(0, 200);
}
