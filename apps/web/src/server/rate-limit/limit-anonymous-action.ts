import 'server-only';
import { headers } from 'next/headers';
import { clientIpFromHeaders } from './client-ip';
import { rateLimit } from './rate-limit';

/**
 * For server actions anyone can call without a session and that hash a password (sign-up,
 * accepting an invitation with a new account): one token per call from the caller's IP
 * bucket, spent before any parsing of secrets or bcrypt. A form error when spent (server
 * actions answer forms, not HTTP clients), with the wait in it.
 */
export async function limitAnonymousAction(name: 'signUp' | 'inviteAccept'): Promise<{ ok: false; error: string } | null> {
  const decision = await rateLimit(name, clientIpFromHeaders(await headers()));
  if (!decision || decision.allowed) return null;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return { ok: false, error: `Too many attempts from your network. Try again in ${wait}.` };
}
