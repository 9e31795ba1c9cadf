import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPassages, loadAnswerPrompt } from '../../../src/answer/llm/prompts.js';
import { loadCondensePrompt } from '../../../src/conversation/llm-condenser.js';
import { passage } from './fixtures.js';

function promptsDir(answer: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhauap-prompts-'));
  writeFileSync(path.join(dir, 'answer.md'), answer);
  return dir;
}

describe('prompt files', () => {
  it('load from the shipped prompts/ directory with the variables the code fills in', async () => {
    const messages = await loadAnswerPrompt().formatMessages({ passages: 'ФРАГМЕНТЫ', question: 'ВОПРОС' });
    expect(messages.map((m) => m.getType())).toEqual(['system', 'human']);
    expect(String(messages[0]!.content)).toContain('НЕТ_ОТВЕТА');
    expect(String(messages[0]!.content)).not.toContain('<!--');
    expect(String(messages[1]!.content)).toContain('ФРАГМЕНТЫ');
    expect(loadCondensePrompt().inputVariables.sort()).toEqual(['previous_answer', 'previous_question', 'question']);
  });

  it('take an edited wording without code changes', async () => {
    const dir = promptsDir('## system\nОтвечай кратко.\n\n## user\nИсточники: {passages}\nВопрос: {question}');
    const messages = await loadAnswerPrompt(dir).formatMessages({ passages: 'П', question: 'В' });
    expect(messages.map((m) => String(m.content))).toEqual(['Отвечай кратко.', 'Источники: П\nВопрос: В']);
  });

  it('name the file and the missing variable when a prompt is broken', () => {
    const dir = promptsDir('## system\nОтвечай.\n\n## user\nВопрос: {question}');
    expect(() => loadAnswerPrompt(dir)).toThrow(`prompts: ${path.join(dir, 'answer.md')} lacks {passages}`);
  });
});

describe('formatPassages', () => {
  it('numbers passages and shows title, date and source', () => {
    const text = formatPassages([passage(1, 'Текст один.', 'Первая'), passage(2, 'Текст два.', 'Вторая')]);
    expect(text).toContain('<passage n="1">\nЗаголовок: Первая\nДата: 2024-03-01\nИсточник: gov.kz\nТекст:\nТекст один.\n</passage>');
    expect(text).toContain('<passage n="2">');
  });
});
