import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLeader } from '../../src/cluster/leader.js';
import { connectRedis, type SharedRedis } from '../../src/state/redis.js';
import { silentLogger } from '../bot/harness.js';
import { entryPoint } from '../helpers/entry-points.js';
import { TestRedis } from '../helpers/redis-server.js';

const LEASE_MS = 1_000;
let redis: TestRedis;
let shared: SharedRedis;

beforeAll(async () => {
  redis = await TestRedis.start();
  shared = await connectRedis(redis.url, silentLogger());
});

afterAll(async () => {
  await shared?.close();
  await redis?.stop();
});

describe('leader lease', () => {
  it('passes to the other replica within the lease time when the leader is killed', async () => {
    const holder = spawn(process.execPath, [entryPoint('lease-holder'), redis.url, String(LEASE_MS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('elected') && resolve());
      holder.once('exit', (code) => reject(new Error(`lease holder exited early (${code})`)));
    });

    let electedAt = 0;
    const follower = new RedisLeader(shared, { leaseMs: LEASE_MS, logger: silentLogger(), hooks: { onElected: () => void (electedAt = Date.now()) } });
    await follower.start();
    // The living holder keeps renewing: the follower waits through several lease lengths' worth of ticks.
    await new Promise((r) => setTimeout(r, LEASE_MS * 1.5));
    expect(follower.isLeader).toBe(false);

    const killedAt = Date.now();
    holder.kill('SIGKILL');
    while (!follower.isLeader && Date.now() - killedAt < LEASE_MS * 3) await new Promise((r) => setTimeout(r, 20));
    expect(follower.isLeader).toBe(true);
    // The lease runs out at most one lease after the holder's last renewal; the follower checks every third of it.
    expect(electedAt - killedAt).toBeLessThanOrEqual(LEASE_MS + LEASE_MS / 3 + 100);
    await follower.stop();
  });

  it('has one leader at a time among several candidates', async () => {
    const candidates = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const c = new RedisLeader(shared, { leaseMs: LEASE_MS, logger: silentLogger() });
        await c.start();
        return c;
      }),
    );
    expect(candidates.filter((c) => c.isLeader)).toHaveLength(1);
    await Promise.all(candidates.map((c) => c.stop()));
  });
});
