import { DomainError, isUuid } from '@baton/db';

/** An id from the URL. Not a UUID → 404, as for any id that is not ours. */
export function pathId(value: string | undefined, what: string): string {
  if (!isUuid(value)) throw new DomainError('not_found', `${what} not found`);
  return value;
}
