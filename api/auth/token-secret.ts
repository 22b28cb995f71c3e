import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Shortest token the service accepts from its configuration (CRAMPWATCH_ADMIN_TOKEN). */
export const MIN_TOKEN_LENGTH = 16;

/**
 * A new token: 32 random bytes (256 bits, far beyond guessing) in base64url, which needs no
 * escaping in a header, a query string or a URL. The `cw_` prefix makes a leaked one easy to
 * recognise in logs and secret scanners.
 */
export function newToken(): string {
  return `cw_${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 of a token: what the token file keeps, so that reading the file does not give the
 * tokens away. A plain (unsalted, fast) hash is enough because the tokens are random, not chosen
 * by people: there is no dictionary to try.
 */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The index of the hash in `hashes` equal to `hash`, or -1. Every entry is compared in constant
 * time and none is skipped once one matched, so the answer's timing says nothing about which
 * stored token a guess came close to.
 */
export function findHash(hashes: readonly Buffer[], hash: Buffer): number {
  let found = -1;
  for (let i = 0; i < hashes.length; i++) {
    const candidate = hashes[i]!;
    if (candidate.length === hash.length && timingSafeEqual(candidate, hash) && found === -1) found = i;
  }
  return found;
}
