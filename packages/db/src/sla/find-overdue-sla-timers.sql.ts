// No locks (a read of running clocks by their partial due/warn indexes); one statement for both phases.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { slaClocks } from '../schema';
import type { SlaTimer } from './sla-timers';

/**
 * Cross-tenant by design, like findOverdueWaits: running clocks whose next timer (warning,
 * else breach) is more than `graceMs` overdue probably lost it (Redis lost data). Re-adding a
 * job under the same id is harmless when it does exist.
 */
export async function findOverdueSlaTimers(db: Database, graceMs: number, limit = 1000): Promise<SlaTimer[]> {
  const res = await db.execute<{ workspaceId: string; clockId: string; seq: number; phase: 'warning' | 'breach'; at: string }>(sql`
    (select workspace_id as "workspaceId", id as "clockId", seq, 'warning' as phase, warn_at as at from ${slaClocks}
      where stopped_at is null and warned_at is null and breached_at is null and warn_at < now() - make_interval(secs => ${graceMs / 1000})
      order by warn_at limit ${limit})
    union all
    (select workspace_id, id, seq, 'breach', due_at from ${slaClocks}
      where stopped_at is null and breached_at is null and (warned_at is not null or warn_at is null) and due_at < now() - make_interval(secs => ${graceMs / 1000})
      order by due_at limit ${limit})`);
  return res.rows.map((r) => ({ ...r, at: new Date(r.at) }));
}
