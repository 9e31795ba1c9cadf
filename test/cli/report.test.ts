import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileQuestionLog } from '../../src/insights/file-log.js';
import { DAY_MS, type QuestionRecord } from '../../src/insights/question-log.js';
import { parseSince } from '../../src/insights/report.js';
import { runReport } from '../../src/cli/report-command.js';
import { tempDir } from '../bot/harness.js';


const asked = (daysAgo: number, question: string, answered: boolean, regions: string[] = []): QuestionRecord => ({
  ts: Date.now() - daysAgo * DAY_MS, user: 'a'.repeat(64), question, regions, answered, mode: 'extractive', ms: 90, cited: [],
});

describe('npm run report', () => {
  it('writes refused questions grouped by topic and 👎 answers with their question, without user hashes', async () => {
    const stateDir = tempDir('zhauap-report-');
    const log = new FileQuestionLog(stateDir);
    await log.recordQuestion(asked(1, 'Когда выплатят компенсацию за ущерб от паводка?', false, ['abai']));
    await log.recordQuestion(asked(2, 'Какая компенсация пострадавшим от паводка?', false));
    await log.recordQuestion(asked(2, 'Сколько врачей в Шымкенте?', true));
    await log.recordQuestion(asked(3, 'Где получить субсидию на удобрения?', false));
    await log.recordQuestion(asked(20, 'Старый вопрос про паводок, "в кавычках"', false));
    await log.recordFeedback({ ts: Date.now() - DAY_MS, user: 'b'.repeat(64), answerId: 'x', question: 'Сколько школ построят?', answer: 'Построят 3 школы, "новые" [1]', vote: 'down' });
    await log.recordFeedback({ ts: Date.now() - DAY_MS, user: 'b'.repeat(64), answerId: 'y', question: 'Сколько врачей?', answer: '300 [1]', vote: 'up' });
    await log.flush();

    const out = path.join(stateDir, 'gaps.csv');
    let stdout = '';
    const code = await runReport(['--since', '7d', '--out', out], { stdout: (t) => void (stdout += t), log: async () => log });
    expect(code).toBe(0);
    expect(stdout).toContain('3 unanswered in 2 topics, 1 answers marked 👎');
    const lines = (await readFile(out, 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('section,topic,topic_questions,time,regions,question,answer');
    expect(lines[1]).toMatch(/^refused,"?компенсацию, паводка"?,2,.*Какая компенсация пострадавшим от паводка\?,$/);
    expect(lines[2]).toMatch(/^refused,"?компенсацию, паводка"?,2,.*,abai,Когда выплатят компенсацию за ущерб от паводка\?,$/);
    expect(lines[3]).toMatch(/^refused,удобрения,1,.*Где получить субсидию на удобрения\?,$/);
    expect(lines[4]).toMatch(/^disliked,,,.*,Сколько школ построят\?,"Построят 3 школы, ""новые"" \[1\]"$/);
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).not.toContain('a'.repeat(64));
    expect(lines.join('\n')).not.toContain('Старый вопрос');
  });

  it('reads periods in days, hours and minutes, and names a period it cannot read', () => {
    expect(parseSince('7d')).toBe(7 * DAY_MS);
    expect(parseSince('36h')).toBe(36 * 3600_000);
    expect(() => parseSince('неделя')).toThrow('--since "неделя" is not a period like 7d, 24h or 90m');
  });
});
