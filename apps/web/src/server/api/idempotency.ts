import { createHash } from 'node:crypto';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type Tenant } from '@baton/db';
import { errorReply, type ApiReply } from './api-error-body';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

// A duplicate that arrives while the first request is still being handled waits for its
// answer (typically milliseconds) instead of failing: a client retrying after a timeout
// gets the answer, not a 409 it would have to retry again.
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 25;

const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

export type IdempotentRequest = { tenant: Tenant; apiKeyId: string; key: string; method: string; path: string; body: string };

/** `Idempotency-Key` is optional; when sent it must be 1–255 visible ASCII characters. */
export function idempotencyKeyProblem(key: string): ApiReply | null {
  if (VALID_KEY.test(key)) return null;
  return errorReply(400, 'invalid_request', 'Invalid Idempotency-Key: 1 to 255 visible ASCII characters', [{ field: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' }]);
}

export function requestHash(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n`).update(body).digest('hex');
}

/**
 * Runs `handle` once per (API key, Idempotency-Key) for 24 hours: a retry with the same key
 * and the same request gets the first answer again (with `Idempotent-Replayed: true`), the
 * same key with another method, path or body is a 409, and concurrent duplicates wait for the
 * first. Answers below 500 are kept (a 400 is as final as a 201); a 500 or a throw releases
 * the key so a retry runs again.
 */
export async function idempotent(request: IdempotentRequest, handle: () => Promise<ApiReply>): Promise<ApiReply> {
  const invalid = idempotencyKeyProblem(request.key);
  if (invalid) return invalid;
  const ref = { apiKeyId: request.apiKeyId, key: request.key, requestHash: requestHash(request.method, request.path, request.body) };
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const claim = await claimIdempotencyKey(request.tenant, ref);
    switch (claim.state) {
      case 'claimed':
        return runClaimed(request.tenant, ref, handle);
      case 'replay':
        return { status: claim.status, body: claim.body, headers: { [REPLAYED_HEADER]: 'true' } };
      case 'mismatch':
        return errorReply(409, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request (method, path or body); use a new key for a new request', [
          { field: 'Idempotency-Key', message: 'already used with a different request' },
        ]);
      case 'in_progress':
        if (Date.now() > deadline) {
          return errorReply(409, 'idempotency_key_in_progress', 'A request with this Idempotency-Key is still being handled; retry shortly', [
            { field: 'Idempotency-Key', message: 'a request with this key is in progress' },
          ]);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        continue;
      default:
        return claim satisfies never;
    }
  }
}

async function runClaimed(tenant: Tenant, ref: { apiKeyId: string; key: string }, handle: () => Promise<ApiReply>): Promise<ApiReply> {
  let reply: ApiReply;
  try {
    reply = await handle();
  } catch (error) {
    await releaseIdempotencyKey(tenant, ref);
    throw error;
  }
  if (reply.status >= 500) await releaseIdempotencyKey(tenant, ref);
  else await completeIdempotencyKey(tenant, { ...ref, status: reply.status, body: reply.body });
  return reply;
}
