// SLA warning / breach timers fired in batches: one statement locks the clocks' conversations
// (in conversation id order, like every batch) and reads the clocks, one statement writes every
// firing. Waits resume the same way (runs/resume-waiting-runs.ts); one transaction per timer
// cost a round trip per statement per timer and kept the warning lateness p99 far above the waits'.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { conversationEventTypeEnum, conversationEvents, outboxEventTypeEnum, outboxEvents, slaClocks } from '../schema';
import { jsonRecords, uniqueKeys } from '../sql/json-recordset';
import { selectColumns, type RawColumns } from '../sql/table-records';
import { lockBatchConversationsCtes } from '../runs/batch/lock-batch-conversations';
import { nextSlaTimer, type SlaTimer } from './sla-timers';
import { executeNamed } from '../sql/named-statement';

export type SlaTimerRef = { workspaceId: string; clockId: string; seq: number; phase: 'warning' | 'breach' };
export type FireSlaResult =
  | { outcome: 'stale' }
  | { outcome: 'early'; remainingMs: number }
  | { outcome: 'fired'; outboxEventIds: string[]; next: SlaTimer | null; conversationId: string };

// The clock's columns the firing reads, and those it returns once fired (sql/table-records.ts).
const lockedColumns = ['workspaceId', 'id', 'conversationId', 'kind', 'policyId', 'seq', 'dueAt', 'warnAt', 'warnedAt', 'breachedAt', 'stoppedAt'] as const;
const firedColumns = ['workspaceId', 'id', 'seq', 'warnAt', 'dueAt', 'warnedAt', 'breachedAt'] as const;
type Locked = RawColumns<typeof slaClocks, (typeof lockedColumns)[number]> & { teamId: string | null; assigneeId: string | null; now: string };
type Fired = RawColumns<typeof slaClocks, (typeof firedColumns)[number]>;

type Firing = {
  w: string;
  clock: string;
  conv: string;
  type: 'sla.warning' | 'sla.breached';
  team: string | null;
  assignee: string | null;
  reason: string;
  data: Record<string, unknown>;
  effect: string;
  outbox: string;
};

const key = (workspaceId: string, clockId: string) => `${workspaceId}|${clockId}`;

/**
 * Fires SLA timers exactly once each: in one transaction that locks their conversations (the
 * lock every reply and close takes, so a reply committed first has already stopped the clock),
 * each timer fires only when its clock still runs, its timer generation matches, that phase has
 * not fired and it is due by the database clock. Firing records `sla.warning` / `sla.breached`
 * on the conversation and an outbox event of the same name that starts the workflows listening
 * to it. A duplicate in the batch, a stale or a repeated delivery changes nothing. Results are
 * in the order of `refs`. `stages.claimed` is told when the claim statement has returned (the
 * bench's stage timings, bench/sla-clocks.ts).
 */
export async function fireSlaTimers(db: Database, refs: readonly SlaTimerRef[], stages?: { claimed?: () => void }): Promise<FireSlaResult[]> {
  if (refs.length === 0) return [];
  return db.transaction(async (tx) => {
    const keys = uniqueKeys(refs.map((r) => ({ workspaceId: r.workspaceId, id: r.clockId })));
    // The clocks are locked too, after their conversations (the one-time filter makes `locked`
    // run first): a statement that waited on a conversation lock still has the snapshot it
    // started with, in which a clock fired meanwhile is unfired; FOR UPDATE reads the clock's
    // latest committed version instead, so a concurrent firing is seen and this one is stale.
    // (Seen under load: two deliveries of one warning both fired.)
    const res = await executeNamed<Locked>(tx, sql`
      with ${lockBatchConversationsCtes(slaClocks, keys)}
      select ${selectColumns(slaClocks, 'k', lockedColumns)},
             locked.team_id as "teamId", locked.assignee_id as "assigneeId",
             (extract(epoch from clock_timestamp()) * 1000)::bigint as now
        from locked join ${slaClocks} k on k.workspace_id = locked.workspace_id and k.conversation_id = locked.id
       where (k.workspace_id, k.id) in (select w, k from wanted)
         and (select count(*) from locked) >= 0
         for update of k`);
    stages?.claimed?.();
    // The clocks as this batch leaves them: a second timer of the same clock in the batch sees
    // what the first did (a duplicate is stale; a breach after its warning still fires).
    const clocks = new Map(res.rows.map((k) => [key(k.workspaceId, k.id), { ...k }]));
    const now = Math.max(0, ...res.rows.map((k) => Number(k.now)));
    const firings: Firing[] = [];
    const results: FireSlaResult[] = refs.map((ref) => {
      const k = clocks.get(key(ref.workspaceId, ref.clockId));
      if (!k || k.stoppedAt || k.seq !== ref.seq) return { outcome: 'stale' };
      const warning = ref.phase === 'warning';
      if (warning ? k.warnedAt || k.breachedAt || !k.warnAt : k.breachedAt || !k.dueAt) return { outcome: 'stale' };
      const at = new Date((warning ? k.warnAt : k.dueAt)!).getTime();
      if (at > now) return { outcome: 'early', remainingMs: at - now };
      const data = { clockId: k.id, kind: k.kind, policyId: k.policyId, dueAt: new Date(k.dueAt!).toISOString() };
      const firing: Firing = {
        w: ref.workspaceId,
        clock: k.id,
        conv: k.conversationId,
        type: warning ? 'sla.warning' : 'sla.breached',
        team: k.teamId,
        assignee: k.assigneeId,
        reason: `${k.kind.replace('_', ' ')} ${warning ? 'is about to breach' : 'breached'}`,
        data,
        // The effect key makes the event exactly-once even if a second firing path ever raced past the checks above.
        effect: `sla:${k.id}:${ref.phase}`,
        outbox: randomUUID(),
      };
      firings.push(firing);
      const firedAt = new Date(now).toISOString();
      if (warning) k.warnedAt = firedAt;
      else k.breachedAt = firedAt;
      return { outcome: 'fired', outboxEventIds: [firing.outbox], next: null, conversationId: k.conversationId };
    });
    if (firings.length === 0) return results;

    // One row per clock for the update (a clock may warn and breach in the same batch).
    const perClock = new Map<string, { w: string; clock: string; warned: boolean; breached: boolean; team: string | null; assignee: string | null }>();
    for (const f of firings) {
      const c = perClock.get(key(f.w, f.clock)) ?? { w: f.w, clock: f.clock, warned: false, breached: false, team: f.team, assignee: f.assignee };
      if (f.type === 'sla.warning') c.warned = true;
      else c.breached = true;
      perClock.set(key(f.w, f.clock), c);
    }
    const updated = await executeNamed<Fired>(tx, sql`
      with f as ${jsonRecords(firings, 'f', 'w uuid, clock uuid, conv uuid, type text, team uuid, reason text, data jsonb, effect text, outbox uuid')},
           c as ${jsonRecords([...perClock.values()], 'c', 'w uuid, clock uuid, warned boolean, breached boolean, team uuid, assignee uuid')},
           ev as (
             insert into ${conversationEvents} (workspace_id, conversation_id, type, actor_type, team_id, reason, data, effect_key)
             select f.w, f.conv, f.type::${sql.raw(conversationEventTypeEnum.enumName)}, 'system', f.team, f.reason, f.data, f.effect from f
             on conflict do nothing
             returning 1),
           ob as (
             insert into ${outboxEvents} (id, workspace_id, type, conversation_id, source, payload)
             select f.outbox, f.w, f.type::${sql.raw(outboxEventTypeEnum.enumName)}, f.conv, 'workflow', f.data from f
             returning 1),
           upd as (
             update ${slaClocks} k
                set warned_at = case when c.warned then now() else k.warned_at end,
                    breached_at = case when c.breached then now() else k.breached_at end,
                    team_id = c.team, assignee_id = c.assignee
               from c
              where k.workspace_id = c.w and k.id = c.clock
             returning ${selectColumns(slaClocks, 'k', firedColumns, { renamed: false })})
      select ${selectColumns(slaClocks, null, firedColumns)}
        from upd
       where (select count(*) from ev) >= 0 and (select count(*) from ob) >= 0`);
    const date = (v: string | null) => (v === null ? null : new Date(v));
    const nextOf = new Map(
      updated.rows.map((u) => [
        key(u.workspaceId, u.id),
        nextSlaTimer({ workspaceId: u.workspaceId, id: u.id, seq: u.seq, warnAt: date(u.warnAt), dueAt: date(u.dueAt), warnedAt: date(u.warnedAt), breachedAt: date(u.breachedAt), stoppedAt: null }),
      ]),
    );
    // A clock's next timer is handed back once, with the last of its firings in the batch.
    const lastFiring = new Map<string, number>();
    results.forEach((r, i) => {
      if (r.outcome === 'fired') lastFiring.set(key(refs[i]!.workspaceId, refs[i]!.clockId), i);
    });
    return results.map((r, i) => {
      if (r.outcome !== 'fired') return r;
      const k = key(refs[i]!.workspaceId, refs[i]!.clockId);
      return lastFiring.get(k) === i ? { ...r, next: nextOf.get(k) ?? null } : r;
    });
  });
}

/** One timer: a batch of one (the tests and the reconciler's single checks use it). */
export async function fireSlaTimer(db: Database, ref: SlaTimerRef): Promise<FireSlaResult> {
  return (await fireSlaTimers(db, [ref]))[0]!;
}
