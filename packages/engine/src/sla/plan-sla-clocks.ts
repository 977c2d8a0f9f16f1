import type { WorkspaceCalendar } from '../business-time/schedule-ref';
import { slaDue, type SlaPause } from './sla-due';
import { slaKinds, type SlaKind, type SlaPolicy } from './sla-policy-schema';

/**
 * What the clocks of one conversation are derived from: its row, read under its lock. Every
 * instant is ms since the epoch. The clocks are a function of this state (and the policy and
 * calendar), so whichever path changed the conversation — inbound batch, inbox, API, a
 * workflow — one planner keeps them right, and re-planning the same state changes nothing.
 */
export interface SlaConversationState {
  status: 'open' | 'closed';
  /** The current opening (a reopen is a new opening: it resets this and first response). */
  openedAt: number;
  closedAt: number | null;
  /** The first agent reply of this opening (automated messages never count). */
  firstResponseAt: number | null;
  /** The latest agent reply (any opening). */
  lastAgentReplyAt: number | null;
  /** The first customer message after the latest agent reply, if any. */
  firstIncomingAfterAgentReply: number | null;
  /**
   * This opening's stretches waiting on the customer: from an agent reply that answered the
   * customer (the last message became the agent's) to the customer's next message (null: the
   * last message is still the agent's). Read only when a policy pauses on them.
   */
  customerWaits?: readonly SlaPause[];
}

export interface ExistingSlaClock {
  id: string;
  kind: SlaKind;
  startedAt: number;
  policyId: string | null;
  targetMs: number;
  dueAt: number | null;
  warnAt: number | null;
  stoppedAt: number | null;
  cancelled: boolean;
  seq: number;
  /** Paused (waiting on the customer) since then: running but without due and warning instants. */
  pausedAt: number | null;
}

export type NewSlaClock = { kind: SlaKind; startedAt: number; policyId: string; targetMs: number; dueAt: number | null; warnAt: number | null; pausedAt: number | null };
/** A changed clock, whole; `seq` moves on when its due or warning instant changed (its old timer becomes stale). */
export type ChangedSlaClock = Omit<ExistingSlaClock, 'kind' | 'startedAt'>;
export type SlaClockPlan = { create: NewSlaClock[]; change: ChangedSlaClock[] };

/** The instance of each kind that should be running now, by its start; absent: none runs. */
export function runningStarts(s: SlaConversationState): Partial<Record<SlaKind, number>> {
  if (s.status !== 'open') return {};
  const out: Partial<Record<SlaKind, number>> = { resolution: s.openedAt };
  if (s.firstResponseAt === null) out.first_response = s.openedAt;
  // Next response: a customer message after an agent reply of this opening starts it; the next agent reply stops it.
  if (s.lastAgentReplyAt !== null && s.lastAgentReplyAt >= s.openedAt && s.firstIncomingAfterAgentReply !== null)
    out.next_response = s.firstIncomingAfterAgentReply;
  return out;
}

/** When a clock that no longer runs stopped: the reply or close that ended it (bounded below by its start). */
function stopOf(c: ExistingSlaClock, s: SlaConversationState, now: number): number {
  const after = (t: number | null) => (t !== null && t >= c.startedAt ? t : null);
  const candidates =
    c.kind === 'first_response'
      ? [after(s.firstResponseAt), after(s.closedAt)]
      : c.kind === 'next_response'
        ? [after(s.lastAgentReplyAt), after(s.closedAt)]
        : [after(s.closedAt)];
  const found = candidates.filter((t): t is number => t !== null);
  return found.length ? Math.min(...found) : Math.max(c.startedAt, now);
}

/**
 * The stretches a clock does not count: with the policy's "pause while waiting on customer",
 * the resolution clock's waits since its start. Next response needs no pause: it runs from a
 * customer message to the agent's reply, so it is never running while the customer is waited
 * on (the agent's reply stops it, the customer's next message starts the next one); first
 * response likewise ends at the first reply.
 */
function pausesOf(kind: SlaKind, start: number, state: SlaConversationState, policy: SlaPolicy): SlaPause[] {
  if (!policy.pauseWhileWaitingOnCustomer || kind !== 'resolution') return [];
  return (state.customerWaits ?? [])
    .filter((w) => w.to === null || w.to > start)
    .map((w) => ({ from: Math.max(w.from, start), to: w.to }))
    .sort((a, b) => a.from - b.from);
}

/**
 * Reconciles a conversation's clocks with its state: starts the clocks that should run,
 * stops those that no longer do (at the reply or close that ended them), cancels those the
 * applicable policy no longer covers, and recomputes due times when the policy, its target or
 * the schedule changed. Only clocks that change come back.
 */
export function planSlaClocks(
  state: SlaConversationState,
  policy: SlaPolicy | null,
  existing: readonly ExistingSlaClock[],
  calendar: WorkspaceCalendar,
  now: number,
): SlaClockPlan {
  const plan: SlaClockPlan = { create: [], change: [] };
  const starts = runningStarts(state);
  for (const kind of slaKinds) {
    const start = starts[kind];
    const mine = existing.filter((c) => c.kind === kind);
    for (const c of mine) {
      if (c.stoppedAt !== null && !(c.cancelled && c.startedAt === start)) continue;
      if (c.startedAt === start) continue; // handled below
      plan.change.push({ ...strip(c), stoppedAt: stopOf(c, state, now), cancelled: false });
    }
    if (start === undefined) continue;
    const due = policy ? slaDue(policy, kind, start, calendar, pausesOf(kind, start, state, policy)) : null;
    const current = mine.find((c) => c.startedAt === start);
    if (!due) {
      if (current && current.stoppedAt === null) plan.change.push({ ...strip(current), stoppedAt: Math.max(start, now), cancelled: true });
      continue;
    }
    if (!current) {
      plan.create.push({ kind, startedAt: start, policyId: policy!.id, targetMs: due.targetMs, dueAt: due.dueAt, warnAt: due.warnAt, pausedAt: due.pausedAt });
      continue;
    }
    const revived = current.stoppedAt !== null;
    const retimed = current.dueAt !== due.dueAt || current.warnAt !== due.warnAt;
    if (!revived && !retimed && current.policyId === policy!.id && current.targetMs === due.targetMs && current.pausedAt === due.pausedAt) continue;
    plan.change.push({
      ...strip(current),
      policyId: policy!.id,
      targetMs: due.targetMs,
      dueAt: due.dueAt,
      warnAt: due.warnAt,
      pausedAt: due.pausedAt,
      stoppedAt: null,
      cancelled: false,
      seq: revived || retimed ? current.seq + 1 : current.seq,
    });
  }
  return plan;
}

function strip(c: ExistingSlaClock): ChangedSlaClock {
  const { kind: _k, startedAt: _s, ...rest } = c;
  return rest;
}
