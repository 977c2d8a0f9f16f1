import { ZodError } from 'zod';
import { DomainError, MissingWorkspaceError, describeDbError, isUnstorableTextError } from '@baton/db';
import { ResponseContractError } from './contract/response-contract';
import { BodyTimeoutError, PayloadTooLargeError, bodyTimeoutReply, payloadTooLargeReply } from '@/server/body/body-limit';

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** An API answer with no framework attached: the Next routes and the ingestion fast path both send it. */
export type ApiReply = { status: number; body: unknown; headers?: Record<string, string> };

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

export function errorReply(status: number, code: string, message: string, details?: unknown): ApiReply {
  return { status, body: errorBody(code, message, details) };
}

const STATUS: Record<DomainError['code'], number> = {
  not_found: 404,
  invalid: 400,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  expired: 410,
};

/** Zod issues as `[{ field: 'contact.externalId', message }]`: the field that is wrong. */
export function zodDetails(error: ZodError) {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
}

/** Every failure becomes a JSON error; bad input is never a 500. */
export function errorToReply(error: unknown): ApiReply {
  if (error instanceof PayloadTooLargeError) return payloadTooLargeReply(error.limit);
  if (error instanceof BodyTimeoutError) return bodyTimeoutReply(error.timeoutMs);
  if (error instanceof ZodError) {
    const details = zodDetails(error);
    return errorReply(400, 'invalid_request', `Invalid ${details[0]?.field ?? 'request'}: ${details[0]?.message ?? 'invalid'}`, details);
  }
  if (error instanceof DomainError) {
    const details = error.details as { problems?: unknown } | undefined;
    const code = error.code === 'invalid' && details?.problems ? 'invalid_workflow' : error.code;
    return errorReply(STATUS[error.code], code, error.message, error.details);
  }
  if (error instanceof ResponseContractError) {
    // Our bug, not the caller's: field names only (strict mode is tests and development).
    console.error('[api]', error.message);
    return errorReply(500, 'internal', 'The response did not match its declared schema', error.problems);
  }
  if (error instanceof MissingWorkspaceError) return errorReply(401, 'unauthorized', 'Missing workspace');
  // Text Postgres refuses (NUL, invalid encoding) or too long for its column: the client's
  // input, so a 400, even on paths that parse the body themselves (signed inbound).
  if (isUnstorableTextError(error)) {
    return errorReply(400, 'invalid_request', 'The request contains text that cannot be stored (NUL character, invalid encoding or too long)');
  }
  // Never the error whole: a failed query's message lists its parameters (texts, emails, hashes).
  console.error('[api] unexpected error', describeDbError(error));
  return errorReply(500, 'internal', 'Something went wrong on our side; it has been logged');
}
