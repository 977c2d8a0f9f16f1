// Reads (no locks) the clocks of a page of conversations in one statement instead of one query per conversation.
import { sql } from 'drizzle-orm';
import type { SlaKind } from '@baton/engine';
import type { Tenant } from '../tenancy/tenant';

/** A clock as the API shows it: its target, when it is due, and where it stands. */
export type SlaClockView = {
  kind: SlaKind;
  policyId: string | null;
  targetSeconds: number;
  startedAt: Date;
  /** null while paused, or when the schedule never opens within a year. */
  dueAt: Date | null;
  /** running; paused (waiting on the customer); stopped (a reply or the close ended it); cancelled (no policy covers it any more). */
  status: 'running' | 'paused' | 'stopped' | 'cancelled';
  breached: boolean;
  breachedAt: Date | null;
  stoppedAt: Date | null;
};

/**
 * The SLA clocks of the conversations' current openings (and any still running), per
 * conversation, in kind then start order. One statement for a page of conversations.
 */
export async function listSlaClocksOf(t: Tenant, conversationIds: readonly string[]): Promise<Map<string, SlaClockView[]>> {
  const out = new Map<string, SlaClockView[]>();
  if (conversationIds.length === 0) return out;
  const res = await t.db.execute<{
    conversation_id: string;
    kind: SlaKind;
    policy_id: string | null;
    target_ms: string | number;
    started_at: string;
    due_at: string | null;
    breached_at: string | null;
    stopped_at: string | null;
    paused_at: string | null;
    cancelled: boolean;
  }>(sql`
    select k.conversation_id, k.kind, k.policy_id, k.target_ms, k.started_at, k.due_at, k.breached_at, k.stopped_at, k.paused_at, k.cancelled
      from sla_clocks k
      join conversations c on c.id = k.conversation_id and c.workspace_id = k.workspace_id
     where k.workspace_id = ${t.workspaceId}
       and k.conversation_id = any(${`{${conversationIds.join(',')}}`}::uuid[])
       and (k.stopped_at is null or k.started_at >= c.opened_at)
     order by k.conversation_id, k.kind, k.started_at`);
  const date = (v: string | null) => (v === null ? null : new Date(v));
  for (const r of res.rows) {
    const view: SlaClockView = {
      kind: r.kind,
      policyId: r.policy_id,
      targetSeconds: Math.round(Number(r.target_ms) / 1000),
      startedAt: new Date(r.started_at),
      dueAt: date(r.due_at),
      status: r.cancelled ? 'cancelled' : r.stopped_at ? 'stopped' : r.paused_at ? 'paused' : 'running',
      breached: r.breached_at !== null,
      breachedAt: date(r.breached_at),
      stoppedAt: date(r.stopped_at),
    };
    out.set(r.conversation_id, [...(out.get(r.conversation_id) ?? []), view]);
  }
  return out;
}
