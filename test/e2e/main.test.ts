import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function runMain(token: string | undefined) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  if (token !== undefined) env.TELEGRAM_BOT_TOKEN = token;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, encoding: 'utf8', timeout: 20_000 });
}

describe('npm start without a usable token', () => {
  it('prints one clear line on stderr and exits 1 when the token is missing', () => {
    const r = runMain(undefined);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('TELEGRAM_BOT_TOKEN is not set')]);
  });

  it('does the same for a malformed token, without echoing it', () => {
    const r = runMain('12345:short-secret-value');
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TELEGRAM_BOT_TOKEN is malformed');
    expect(r.stderr).not.toContain('short-secret-value');
  });
});
