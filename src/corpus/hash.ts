import { hash } from 'node:crypto';

/**
 * Hex sha256 prefix: 16 hex chars (64 bits) is plenty to tell a corpus' articles and chunks apart. The one-shot
 * `crypto.hash` (the same digest, strings as UTF-8) spares a Hash object per chunk.
 */
export function contentHash(data: string | Uint8Array, length = 16): string {
  return hash('sha256', data, 'hex').slice(0, length);
}

/**
 * Every run of whitespace but a lone space: replacing those alone by a space gives what replacing every run
 * does (`/\s+/g`), without copying the text at each of its spaces.
 */
const WHITESPACE_TO_SQUEEZE = /\s\s+|[^\S ]/g;

/** Whitespace and Unicode form do not change what a text says, so they must not change its id. */
export function normalizeForHash(text: string): string {
  return text.normalize('NFC').replace(WHITESPACE_TO_SQUEEZE, ' ').trim();
}
