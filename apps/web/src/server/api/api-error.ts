import { NextResponse } from 'next/server';
import { errorBody, errorToReply, type ApiReply, type ErrorBody } from './api-error-body';

export { zodDetails, type ErrorBody } from './api-error-body';

export function replyResponse(reply: ApiReply) {
  return NextResponse.json(reply.body, { status: reply.status, headers: reply.headers });
}

export function apiError(status: number, code: string, message: string, details?: unknown, headers?: HeadersInit) {
  return NextResponse.json<ErrorBody>(errorBody(code, message, details), { status, headers });
}

/** Every failure becomes a JSON error; bad input is never a 500. */
export function errorResponse(error: unknown) {
  return replyResponse(errorToReply(error));
}
