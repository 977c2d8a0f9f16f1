import { and, asc, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { outboxEvents } from '../schema';

/** Cross-tenant: events the web process wrote but whose queue hand-off may have failed. */
export async function findPendingOutboxEvents(db: Database, olderThanMs: number, limit = 1000) {
  return db
    .select({ workspaceId: outboxEvents.workspaceId, eventId: outboxEvents.id })
    .from(outboxEvents)
    .where(and(isNull(outboxEvents.processedAt), lt(outboxEvents.createdAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`)))
    .orderBy(asc(outboxEvents.createdAt))
    .limit(limit);
}
