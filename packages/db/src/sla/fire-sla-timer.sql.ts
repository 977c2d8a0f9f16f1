// Locks the clock's conversation row (FOR UPDATE) and reads the clock in the same statement: one round trip before deciding.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { conversationEvents, outboxEvents, slaClocks } from '../schema';
import { nextSlaTimer, type SlaTimer } from './sla-timers';

export type SlaTimerRef = { workspaceId: string; clockId: string; seq: number; phase: 'warning' | 'breach' };
export type FireSlaResult =
  | { outcome: 'stale' }
  | { outcome: 'early'; remainingMs: number }
  | { outcome: 'fired'; outboxEventIds: string[]; next: SlaTimer | null; conversationId: string };

type Locked = {
  id: string;
  conversationId: string;
  kind: string;
  policyId: string | null;
  seq: number;
  dueAt: string | null;
  warnAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
  teamId: string | null;
  assigneeId: string | null;
  now: string;
};

/**
 * Fires one SLA timer exactly once: in one transaction that locks the conversation (the lock
 * every reply and close takes, so a reply committed first has already stopped the clock), it
 * re-reads the clock and fires only when it still runs, its timer generation matches, that
 * phase has not fired and it is due by the database clock. Firing records `sla.warning` /
 * `sla.breached` on the conversation and an outbox event of the same name that starts the
 * workflows listening to it. A duplicate or stale delivery changes nothing.
 */
export async function fireSlaTimer(db: Database, ref: SlaTimerRef): Promise<FireSlaResult> {
  return db.transaction(async (tx) => {
    const res = await tx.execute<Locked>(sql`
      with conv as (
        select c.id, c.team_id, c.assignee_id from conversations c
         where c.workspace_id = ${ref.workspaceId}
           and c.id = (select conversation_id from ${slaClocks} where workspace_id = ${ref.workspaceId} and id = ${ref.clockId})
         for update)
      select k.id, k.conversation_id as "conversationId", k.kind, k.policy_id as "policyId", k.seq, k.due_at as "dueAt", k.warn_at as "warnAt",
             k.warned_at as "warnedAt", k.breached_at as "breachedAt", k.stopped_at as "stoppedAt",
             conv.team_id as "teamId", conv.assignee_id as "assigneeId",
             (extract(epoch from clock_timestamp()) * 1000)::bigint as now
        from conv join ${slaClocks} k on k.conversation_id = conv.id and k.workspace_id = ${ref.workspaceId} and k.id = ${ref.clockId}`);
    const k = res.rows[0];
    if (!k || k.stoppedAt || k.seq !== ref.seq) return { outcome: 'stale' };
    const warning = ref.phase === 'warning';
    if (warning ? k.warnedAt || k.breachedAt || !k.warnAt : k.breachedAt || !k.dueAt) return { outcome: 'stale' };
    const at = new Date((warning ? k.warnAt : k.dueAt)!).getTime();
    const now = Number(k.now);
    if (at > now) return { outcome: 'early', remainingMs: at - now };

    const type = warning ? 'sla.warning' : 'sla.breached';
    const data = { clockId: k.id, kind: k.kind, policyId: k.policyId, dueAt: new Date(k.dueAt!).toISOString() };
    const updated = await tx.execute<{ warnAt: string | null; dueAt: string | null; warnedAt: string | null; breachedAt: string | null }>(sql`
      update ${slaClocks} set ${warning ? sql`warned_at = now()` : sql`breached_at = now()`}, team_id = ${k.teamId}, assignee_id = ${k.assigneeId}
       where workspace_id = ${ref.workspaceId} and id = ${k.id}
      returning warn_at as "warnAt", due_at as "dueAt", warned_at as "warnedAt", breached_at as "breachedAt"`);
    // The effect key makes the event exactly-once even if a second firing path ever raced past the checks above.
    await tx
      .insert(conversationEvents)
      .values({
        workspaceId: ref.workspaceId,
        conversationId: k.conversationId,
        type,
        actorType: 'system',
        teamId: k.teamId,
        reason: `${k.kind.replace('_', ' ')} ${warning ? 'is about to breach' : 'breached'}`,
        data,
        effectKey: `sla:${k.id}:${ref.phase}`,
      })
      .onConflictDoNothing();
    const [outbox] = await tx
      .insert(outboxEvents)
      .values({ workspaceId: ref.workspaceId, type, conversationId: k.conversationId, source: 'workflow', payload: data })
      .returning({ id: outboxEvents.id });
    const u = updated.rows[0]!;
    const date = (v: string | null) => (v === null ? null : new Date(v));
    const next = nextSlaTimer({
      workspaceId: ref.workspaceId,
      id: k.id,
      seq: k.seq,
      warnAt: date(u.warnAt),
      dueAt: date(u.dueAt),
      warnedAt: date(u.warnedAt),
      breachedAt: date(u.breachedAt),
      stoppedAt: null,
    });
    return { outcome: 'fired', outboxEventIds: [outbox!.id], next, conversationId: k.conversationId };
  });
}
