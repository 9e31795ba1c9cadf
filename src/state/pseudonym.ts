/**
 * Users and chats appear in stored state, keys and logs only as salted hashes. One salt per deployment:
 * every replica must hash a user the same way, or the rate limit and the question log would see
 * one citizen as several. With Redis the salt lives there (first replica creates it); without, in a
 * file beside the other state.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write.js';
import { redisKey, type SharedRedis } from './redis.js';

export const SALT_FILE = 'feedback-salt';
const MIN_SALT_CHARS = 16;

export interface Pseudonyms {
  /** 64 hex chars; the form a user id takes in the question log and in feedback. */
  user(id: number): string;
  /** Shorter: session and rate-limit keys only need to be unique, not unguessable on their own. */
  key(kind: 'chat' | 'user', id: number): string;
}

export function hashUserId(userId: number, salt: string): string {
  return createHash('sha256').update(`${salt}:${userId}`).digest('hex');
}

export function pseudonyms(salt: string): Pseudonyms {
  return {
    user: (id) => hashUserId(id, salt),
    key: (kind, id) => createHash('sha256').update(`${salt}:${kind}:${id}`).digest('base64url').slice(0, 22),
  };
}

function newSalt(): string {
  return randomBytes(16).toString('hex');
}

export async function fileSalt(stateDir: string): Promise<string> {
  await mkdir(stateDir, { recursive: true });
  const file = path.join(stateDir, SALT_FILE);
  try {
    const salt = (await readFile(file, 'utf8')).trim();
    if (salt.length >= MIN_SALT_CHARS) return salt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const salt = newSalt();
  await writeFileAtomic(file, salt, { mode: 0o600 });
  return salt;
}

/** Local copy of the Redis salt, so a replica restarted while Redis is down still hashes the same way. */
export const REDIS_SALT_CACHE = 'redis-salt';

/**
 * The deployment's salt from Redis (SET NX: the first replica's wins), cached in the state dir. Without
 * Redis and without a cached copy there is no way to hash like the other replicas: that is an error.
 */
export async function redisSalt(redis: SharedRedis, stateDir: string): Promise<string> {
  const key = redisKey('salt');
  const cache = path.join(stateDir, REDIS_SALT_CACHE);
  try {
    await redis.client.set(key, newSalt(), 'NX');
    const salt = await redis.client.get(key);
    if (!salt || salt.length < MIN_SALT_CHARS) throw new Error(`redis: ${key} holds no usable salt`);
    await mkdir(stateDir, { recursive: true });
    await writeFileAtomic(cache, salt, { mode: 0o600 });
    return salt;
  } catch (err) {
    const cached = await readFile(cache, 'utf8').then((s) => s.trim(), () => '');
    if (cached.length >= MIN_SALT_CHARS) return cached;
    throw new Error(`redis: cannot read the shared salt (${(err as Error).message}) and ${cache} has no copy`, { cause: err });
  }
}
