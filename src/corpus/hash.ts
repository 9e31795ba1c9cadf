import { createHash } from 'node:crypto';

/** Hex sha256 prefix: 16 hex chars (64 bits) is plenty to tell a corpus' articles and chunks apart. */
export function contentHash(data: string | Uint8Array, length = 16): string {
  return createHash('sha256').update(data).digest('hex').slice(0, length);
}

/** Whitespace and Unicode form do not change what a text says, so they must not change its id. */
export function normalizeForHash(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
