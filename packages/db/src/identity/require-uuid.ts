import { isUuid } from '../tenancy/workspace-id';
import { DomainError } from '../tenancy/errors';

/** Ids come from forms and URLs; a malformed one is simply not found, not a Postgres cast error. */
export function requireUuid(id: string, what: string): void {
  if (!isUuid(id)) throw new DomainError('not_found', `${what} not found`);
}
