import type { Tenant } from '../tenancy/tenant';
import { startRunsForEvents } from './start-runs-for-events';
import type { AdvanceResult } from './run-types';

/**
 * Handles one outbox event: starts a run of every published workflow whose trigger
 * matches, and advances each to its first wait. A batch of one (see startRunsForEvents).
 */
export async function startRunsForEvent(t: Tenant, eventId: string): Promise<AdvanceResult[]> {
  const [only] = await startRunsForEvents(t.db, [{ workspaceId: t.workspaceId, eventId }]);
  return only?.results ?? [];
}
