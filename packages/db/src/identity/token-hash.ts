import { createHash, randomBytes } from 'node:crypto';

/** Invitation tokens and API keys are bearer secrets: only their sha256 is stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** 32 random bytes, URL-safe: 256 bits is far beyond guessing, so a fast hash suffices. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
