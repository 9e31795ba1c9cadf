import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { BaseMessage } from '@langchain/core/messages';
import type { RetrievedPassage } from '../../retrieval/passage.js';

/**
 * Prompt files (prompts/*.md) are read when the answerer is built, so wording changes need no code change.
 * A file holds "## system" and "## user" sections of f-string templates; HTML comments are notes for editors.
 */

export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url));

const SECTION = /^##\s+(system|user)\s*$/gm;

export function parsePromptFile(text: string, file: string): Array<['system' | 'human', string]> {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const heads = [...body.matchAll(SECTION)];
  const sections = heads.map((head, i): ['system' | 'human', string] => [
    head[1] === 'system' ? 'system' : 'human',
    body.slice(head.index + head[0].length, heads[i + 1]?.index ?? body.length).trim(),
  ]);
  if (!sections.some(([role]) => role === 'human')) throw new Error(`prompts: ${file} has no "## user" section`);
  return sections;
}

export function loadChatPrompt(file: string, variables: string[]): ChatPromptTemplate {
  const prompt = ChatPromptTemplate.fromMessages(parsePromptFile(readFileSync(file, 'utf8'), file));
  const missing = variables.filter((v) => !prompt.inputVariables.includes(v));
  if (missing.length > 0) throw new Error(`prompts: ${file} lacks ${missing.map((v) => `{${v}}`).join(', ')}`);
  return prompt;
}

/** Angle brackets in data could forge a closing </passage> or </question>; look-alikes keep the text readable. */
export function escapeData(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

export function formatPassages(passages: RetrievedPassage[]): string {
  return passages
    .map(({ chunk }, i) =>
      [
        `<passage n="${i + 1}">`,
        `Заголовок: ${escapeData(chunk.title)}`,
        `Дата: ${chunk.date ?? 'не указана'}`,
        `Источник: ${escapeData(chunk.source)}`,
        'Текст:',
        escapeData(chunk.text),
        '</passage>',
      ].join('\n'),
    )
    .join('\n\n');
}

export function loadAnswerPrompt(dir: string = DEFAULT_PROMPTS_DIR): ChatPromptTemplate {
  return loadChatPrompt(path.join(dir, 'answer.md'), ['passages', 'question']);
}

export function answerMessages(
  prompt: ChatPromptTemplate,
  question: string,
  passages: RetrievedPassage[],
): Promise<BaseMessage[]> {
  return prompt.formatMessages({ passages: formatPassages(passages), question: escapeData(question) });
}
