import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarDay, FeedbackStore, hashUserId } from '../../src/bot/feedback-store.js';
import { tempDir } from './harness.js';

describe('FeedbackStore', () => {
  it('writes JSONL with salted user hashes; the salt and counters survive a reopen', async () => {
    const dir = tempDir();
    const at = new Date('2025-12-23T20:30:00Z'); // already the 24th in Almaty (UTC+5)
    const store = await FeedbackStore.open(dir, () => at);
    await store.recordQuestion(true);
    await store.recordQuestion(false);
    await store.recordFeedback({ userId: 1001, answerId: 'ans1', question: 'Сколько врачей?', vote: 'down' });

    const [line] = (await readFile(path.join(dir, 'feedback.jsonl'), 'utf8')).trim().split('\n');
    const record = JSON.parse(line!);
    expect(record).toEqual({ ts: at.toISOString(), user: record.user, answerId: 'ans1', question: 'Сколько врачей?', vote: 'down' });
    expect(record.user).not.toBe(hashUserId(1001, '')); // salted

    const reopened = await FeedbackStore.open(dir, () => at);
    expect(reopened.stats()).toEqual({ date: '2025-12-24', questions: 2, refused: 1, up: 0, down: 1 });
    await reopened.recordFeedback({ userId: 1001, answerId: 'ans2', question: 'q', vote: 'up' });
    const lines = (await readFile(path.join(dir, 'feedback.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[1].user).toBe(record.user); // same salt, same user, same hash
  });

  it('starts from zero when the counters file is damaged', async () => {
    const dir = tempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'counters.json'), '{not json');
    const store = await FeedbackStore.open(dir);
    expect(store.stats()).toMatchObject({ questions: 0, up: 0, down: 0 });
  });

  it('uses the Kazakhstan calendar day', () => {
    expect(calendarDay(new Date('2025-01-01T18:59:00Z'))).toBe('2025-01-01');
    expect(calendarDay(new Date('2025-01-01T19:01:00Z'))).toBe('2025-01-02');
  });
});
