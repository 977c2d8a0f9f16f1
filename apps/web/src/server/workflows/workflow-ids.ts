import { z } from 'zod';
import { DomainError } from '@baton/db';

const uuid = z.uuid();

/**
 * Workflow and version ids reach the editor's server actions as plain strings from the
 * client. Anything that is not a UUID is "not found" (as an unknown id is), checked before
 * Postgres sees it: a malformed uuid there is a query error, i.e. a 500.
 */
export function requireWorkflowIds(ids: { workflowId: unknown; versionId?: unknown }): void {
  if (!uuid.safeParse(ids.workflowId).success) throw new DomainError('not_found', 'Workflow not found');
  if ('versionId' in ids && !uuid.safeParse(ids.versionId).success) throw new DomainError('not_found', 'Version not found');
}
