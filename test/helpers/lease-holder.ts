/**
 * A process that only holds the leader lease: started by tests, killed with SIGKILL to play a leader
 * that dies without releasing it. Usage: node --import tsx lease-holder.ts <redis url> <lease ms> (tests run it
 * from their bundle, test/helpers/entry-points.ts)
 */
import pino from 'pino';
import { RedisLeader } from '../../src/cluster/leader.js';
import { connectRedis } from '../../src/state/redis.js';

const [url, leaseMs] = process.argv.slice(2);
const redis = await connectRedis(url!, pino({ level: 'silent' }));
const leader = new RedisLeader(redis, {
  leaseMs: Number(leaseMs),
  logger: pino({ level: 'silent' }),
  hooks: { onElected: () => void process.stdout.write('elected\n') },
});
await leader.start();
setInterval(() => undefined, 60_000);
