/** Domain errors are values the adapters map to HTTP statuses; never thrown strings. */
export type DomainErrorCode =
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'expired';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);

/**
 * Text Postgres refuses (a NUL character, invalid encoding) or too long for its column. It
 * is the client's input, not our failure: adapters answer 400 / a form error, not 500.
 */
export function isUnstorableTextError(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === '22P05' || e.code === '22021' || e.code === '22001') return true;
  }
  return false;
}
