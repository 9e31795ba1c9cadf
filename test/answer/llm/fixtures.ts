import { Writable } from 'node:stream';
import pino from 'pino';
import type { DraftAnswer, AnswerRequest, Answerer } from '../../../src/answer/answer.js';
import type { Logger } from '../../../src/logger.js';
import type { RetrievedPassage } from '../../../src/retrieval/passage.js';

export function passage(rank: number, text: string, title = `Новость ${rank}`): RetrievedPassage {
  return {
    rank,
    score: 1 / rank,
    chunk: {
      id: `chunk-${rank}`,
      articleId: `article-${rank}`,
      ordinal: 0,
      text,
      title,
      date: `2024-03-0${rank}`,
      url: `https://example.kz/${rank}`,
      source: 'gov.kz',
      language: 'ru',
      regions: [],
      file: 'news.txt',
    },
  };
}

/** A stand-in for the extractive answerer: a fixed answer (or refusal) that records its calls. */
export class StubFallback implements Answerer {
  readonly mode = 'extractive' as const;
  calls = 0;

  constructor(private readonly answered = true) {}

  async answer(request: AnswerRequest): Promise<DraftAnswer> {
    this.calls++;
    return {
      id: 'fallback',
      question: request.question,
      answered: this.answered,
      answer: this.answered ? 'Извлечённый ответ [1].' : 'Не нашёл ответа.',
      citations: [],
      passages: request.passages,
      mode: 'extractive',
      suggestions: this.answered ? [] : ['Похожая тема'],
      filters: request.filters,
    };
  }
}

/** A real pino logger writing parsed records into `records`. */
export function captureLogger(): { logger: Logger; records: Array<Record<string, unknown>> } {
  const records: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(line: Buffer, _encoding, done) {
      records.push(JSON.parse(line.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), records };
}
