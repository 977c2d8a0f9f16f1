import { randomUUID } from 'node:crypto';
import { assertNever, type RunPlan, type RunState, type Snapshot } from '@baton/engine';
import type { Tx } from '../../client';
import { comments, conversationEvents, messages, runSteps, workflowRuns } from '../../schema';
import type { AdvanceResult } from '../run-types';
import { keyOf } from '../../sql/json-recordset';
import { effectEvent } from '../effect-event';
import { commitWith } from '../../batching/pipelined-transaction';
import { CLOSED_REASON, writeBatchRows, type BatchWriteResult } from './batch-writes-statement.sql';

function cancelEntry(entry: BatchRunEntry, now: number): void {
  if (entry.row.status !== 'waiting' && entry.row.status !== 'running') return;
  Object.assign(entry.row, { status: 'cancelled', error: CLOSED_REASON, wakeAt: null, finishedAt: new Date(now) });
  entry.result.status = 'cancelled';
  entry.result.wait = null;
}

export type NewRun = typeof workflowRuns.$inferInsert & {
  id: string;
  workspaceId: string;
  conversationId: string;
};
export type RunStepInsert = typeof runSteps.$inferInsert;
type RunUpdate = {
  workspaceId: string;
  id: string;
  status: 'waiting' | 'completed' | 'failed' | 'cancelled';
  currentStepId: string | null;
  resumeStepId: string | null;
  wakeAt: Date | null;
  waitSeq: number;
  state: RunState;
  error: string | null;
  finishedAt: Date | null;
};
/** A planned run is either new (inserted with its trigger step) or resumed (updated). */
export type PersistAs =
  | {
      kind: 'insert';
      run: Omit<
        NewRun,
        | 'status'
        | 'currentStepId'
        | 'resumeStepId'
        | 'wakeAt'
        | 'waitSeq'
        | 'state'
        | 'error'
        | 'finishedAt'
      >;
      trigger: RunStepInsert;
    }
  | { kind: 'update'; waitSeq: number };
type ConversationWrite = {
  workspaceId: string;
  id: string;
  status: 'open' | 'closed';
  assigneeId: string | null;
  teamId: string | null;
  priority: Snapshot['conversation']['priority'];
  touch: boolean;
  /** Automated messages of this batch: last_outgoing_at and the inbox preview move (never last_agent_reply_at). */
  outgoingPreview: string | null;
  /** Closed by a run of this batch: status, closed_at, the `closed` event, siblings cancelled. */
  closed: boolean;
};
/** The run row a batch writes, kept so a later close in the batch can still cancel it. */
type BatchRunRow = { status?: string; wakeAt?: Date | null; error?: string | null; finishedAt?: Date | null };
type BatchRunEntry = { runId: string; row: BatchRunRow; result: AdvanceResult };
/** A conversation a run closed: its other runs are cancelled; `conversation.closed` may start workflows. */
type Close = { w: string; c: string; outboxId: string; result: AdvanceResult };
/**
 * What the runs of a batch did to one contact, as deltas (set/unset keys, added/removed
 * tags — the last change to a key or tag wins), so a concurrent edit of another field or
 * tag (an agent in the inbox) is merged rather than overwritten.
 */
type ContactWrite = { w: string; id: string; set: Record<string, string>; unset: Set<string>; add: Set<string>; remove: Set<string> };
/** A `contact.tag_added` / `contact.field_changed` outbox row, written where a workflow listens. */
type ContactEvent = { id: string; w: string; c: string; type: 'contact.tag_added' | 'contact.field_changed'; payload: Record<string, unknown>; result: AdvanceResult };

/**
 * Everything a batch of runs decided, gathered so each table gets one statement per batch
 * instead of one per run and step. The rows are what the runs would write one by one, each
 * committed before the next (same effect keys, so a replay is still a no-op).
 */
export class BatchWrites {
  private readonly runs: NewRun[] = [];
  private readonly updates: RunUpdate[] = [];
  private readonly finishedWaits: Array<{ w: string; r: string; s: string }> = [];
  private readonly steps: RunStepInsert[] = [];
  private readonly events: Array<typeof conversationEvents.$inferInsert & { at: Date; i: number }> =
    [];
  private readonly comments: (typeof comments.$inferInsert)[] = [];
  /** Automated messages (send-message steps); `result` learns which need delivery. */
  private readonly messages: Array<
    Pick<typeof messages.$inferInsert, 'workspaceId' | 'conversationId' | 'workflowRunId' | 'text' | 'effectKey'> & {
      id: string;
      result: AdvanceResult;
    }
  > = [];
  private readonly conversations = new Map<string, ConversationWrite>();
  private readonly cursors = new Map<
    string,
    { workspaceId: string; poolKey: string; lastUserId: string }
  >();
  private readonly closes: Close[] = [];
  private readonly contacts = new Map<string, ContactWrite>();
  private readonly contactEvents: ContactEvent[] = [];
  /** Runs of this batch per conversation, in the order they were planned. */
  private readonly runsOf = new Map<string, BatchRunEntry[]>();

  /** Whether a run earlier in this batch closed the conversation. */
  closedInBatch(workspaceId: string, conversationId: string): boolean {
    return this.conversations.get(keyOf(workspaceId, conversationId))?.closed ?? false;
  }

  /**
   * A waiting run whose conversation a run earlier in this batch closed: as if that run had
   * committed first, the close cancelled this one, and its timer does nothing.
   */
  cancelResumed(
    run: { workspaceId: string; id: string; conversationId: string } & Omit<RunUpdate, 'workspaceId' | 'id' | 'status' | 'error' | 'finishedAt'>,
    now: number,
  ): AdvanceResult {
    this.updates.push({
      workspaceId: run.workspaceId,
      id: run.id,
      status: 'cancelled',
      currentStepId: run.currentStepId,
      resumeStepId: run.resumeStepId,
      wakeAt: null,
      waitSeq: run.waitSeq,
      state: run.state,
      error: CLOSED_REASON,
      finishedAt: new Date(now),
    });
    return { runId: run.id, conversationId: run.conversationId, status: 'cancelled', wait: null, outboxEventIds: [], deliveryMessageIds: [] };
  }

  /** A resumed run: the wait step it slept in is finished now. */
  finishWaitStep(workspaceId: string, runId: string, stepId: string | null): void {
    if (stepId) this.finishedWaits.push({ w: workspaceId, r: runId, s: stepId });
  }

  /** A run whose steps up to its next wait (or end) were planned in memory. */
  addPlanned(
    ref: { workspaceId: string; runId: string; conversationId: string; contactId: string },
    plan: RunPlan,
    conversation: Pick<Snapshot['conversation'], 'status' | 'assigneeId' | 'teamId' | 'priority'>,
    persist: PersistAs,
  ): AdvanceResult {
    const { workspaceId, runId, conversationId, contactId } = ref;
    const end = plan.end;
    const waitSeq = persist.kind === 'insert' ? 0 : persist.waitSeq;
    const final = {
      status: end.status,
      currentStepId: end.status === 'completed' ? null : end.stepId,
      resumeStepId: end.status === 'waiting' ? end.resumeStepId : null,
      wakeAt: end.status === 'waiting' ? new Date(end.wakeAt) : null,
      waitSeq: end.status === 'waiting' ? waitSeq + 1 : waitSeq,
      state: plan.state,
      error: end.status === 'failed' ? end.error : null,
      finishedAt: end.status === 'waiting' ? null : new Date(plan.snapshot.now),
    };
    let row: BatchRunRow;
    if (persist.kind === 'insert') {
      const inserted: NewRun = { ...persist.run, ...final };
      this.runs.push(inserted);
      this.steps.push(persist.trigger);
      row = inserted;
    } else {
      const updated: RunUpdate = { workspaceId, id: runId, ...final };
      this.updates.push(updated);
      row = updated;
    }
    const result: AdvanceResult = {
      runId,
      conversationId,
      status: end.status,
      wait:
        end.status === 'waiting'
          ? { workspaceId, runId, waitSeq: final.waitSeq, wakeAt: new Date(end.wakeAt), ...(plan.state.pendingHttp ? { http: true as const } : {}) }
          : null,
      outboxEventIds: [],
      deliveryMessageIds: [],
      ...(end.status === 'waiting' && plan.state.queue?.stepId === end.stepId ? { queued: plan.state.queue.pool } : {}),
    };
    const convKey = keyOf(workspaceId, conversationId);
    const conv = this.conversations.get(convKey) ?? {
      workspaceId,
      id: conversationId,
      status: conversation.status,
      assigneeId: conversation.assigneeId,
      teamId: conversation.teamId,
      priority: conversation.priority,
      touch: false,
      outgoingPreview: null,
      closed: false,
    };
    const contact = () => {
      const key = keyOf(workspaceId, contactId);
      const c = this.contacts.get(key) ?? { w: workspaceId, id: contactId, set: {}, unset: new Set<string>(), add: new Set<string>(), remove: new Set<string>() };
      this.contacts.set(key, c);
      return c;
    };
    const contactEvent = (type: ContactEvent['type'], payload: Record<string, unknown>) =>
      this.contactEvents.push({ id: randomUUID(), w: workspaceId, c: conversationId, type, payload, result });
    this.conversations.set(convKey, conv);
    const siblings = this.runsOf.get(convKey) ?? [];
    this.runsOf.set(convKey, [...siblings, { runId, row, result }]);
    for (const step of plan.steps) {
      const { outcome } = step;
      const startedAt = new Date(plan.snapshot.now);
      this.steps.push({
        workspaceId,
        runId,
        seq: step.seq,
        stepId: step.stepId,
        stepType: step.stepType,
        output: outcome.output,
        decision: outcome.decision,
        effects: outcome.effects,
        startedAt,
        finishedAt: step.waiting ? null : startedAt,
      });
      const explanation = 'explanation' in outcome.decision ? outcome.decision.explanation : '';
      let assignee = step.assigneeBefore;
      for (const [i, effect] of outcome.effects.entries()) {
        const effectKey = `${runId}:${step.seq}:${i}`;
        switch (effect.type) {
          case 'assign':
          case 'unassign':
          case 'enqueue': {
            if (effect.type === 'assign') {
              conv.assigneeId = effect.userId;
              conv.teamId = effect.teamId;
            } else conv.assigneeId = null;
            if (effect.type === 'enqueue' && effect.teamId !== null) conv.teamId = effect.teamId;
            const ctx = {
              conversationId,
              runId,
              stepId: step.stepId,
              explanation,
              assigneeBefore: assignee,
              effectKey,
            };
            this.events.push({
              at: startedAt,
              i: this.events.length,
              workspaceId,
              ...effectEvent(effect, ctx),
            });
            assignee = effect.type === 'assign' ? effect.userId : null;
            break;
          }
          case 'comment':
            conv.touch = true;
            this.comments.push({
              workspaceId,
              conversationId,
              workflowRunId: runId,
              body: effect.text,
              mentionUserIds: effect.mentionUserIds,
              effectKey,
            });
            break;
          case 'send_message':
            conv.touch = true;
            conv.outgoingPreview = effect.text.slice(0, 140);
            this.messages.push({ id: randomUUID(), workspaceId, conversationId, workflowRunId: runId, text: effect.text, effectKey, result });
            break;
          case 'set_contact_field': {
            const c = contact();
            if (effect.value === null) {
              delete c.set[effect.key];
              c.unset.add(effect.key);
            } else {
              c.set[effect.key] = effect.value;
              c.unset.delete(effect.key);
            }
            contactEvent('contact.field_changed', { key: effect.key, value: effect.value });
            break;
          }
          case 'add_tag': {
            const c = contact();
            c.add.add(effect.tag);
            c.remove.delete(effect.tag);
            contactEvent('contact.tag_added', { tag: effect.tag });
            break;
          }
          case 'remove_tag': {
            const c = contact();
            c.remove.add(effect.tag);
            c.add.delete(effect.tag);
            break;
          }
          case 'set_priority':
            conv.priority = effect.priority;
            break;
          case 'advance_cursor':
            this.cursors.set(keyOf(workspaceId, effect.pool), {
              workspaceId,
              poolKey: effect.pool,
              lastUserId: effect.userId,
            });
            break;
          case 'close': {
            // Closing a closed conversation changes nothing (no event, no cancellations).
            if (conv.status === 'closed') break;
            conv.status = 'closed';
            conv.closed = true;
            this.events.push({
              at: startedAt,
              i: this.events.length,
              workspaceId,
              conversationId,
              type: 'closed',
              actorType: 'workflow',
              workflowRunId: runId,
              effectKey,
            });
            // The runs of this batch planned before this one on the conversation are
            // cancelled here; those only in the database, by the statement (flush).
            for (const sibling of siblings) cancelEntry(sibling, plan.snapshot.now);
            this.closes.push({ w: workspaceId, c: conversationId, outboxId: randomUUID(), result });
            break;
          }
          default:
            assertNever(effect, 'effect');
        }
      }
    }
    return result;
  }

  /**
   * Everything in one statement (batch-writes-statement.sql.ts): each round trip inside the
   * batch holds the conversation and cursor locks a little longer, and on this hardware a
   * round trip costs more than the rows. Returns the ids of the runs inserted. `last`: nothing
   * follows in this transaction, so its COMMIT may leave together with this statement
   * (commitWith) — or alone, when the batch wrote nothing.
   */
  async flush(tx: Tx, { last = false }: { last?: boolean } = {}): Promise<string[]> {
    const statement = writeBatchRows(
      tx,
      {
        finishedWaits: this.finishedWaits,
        runs: this.runs,
        updates: this.updates,
        steps: this.steps,
        conversations: [...this.conversations.values()].map((c) => ({
          w: c.workspaceId,
          id: c.id,
          a: c.assigneeId,
          t: c.teamId,
          p: c.priority,
          touch: c.touch,
          closed: c.closed,
          preview: c.outgoingPreview,
        })),
        events: this.events,
        comments: this.comments,
        messages: this.messages.map(({ result: _r, ...m }) => m),
        cursors: [...this.cursors.values()].map((c) => ({ w: c.workspaceId, k: c.poolKey, u: c.lastUserId })),
        closes: this.closes.map((c) => ({ id: c.outboxId, w: c.w, c: c.c })),
        contacts: [...this.contacts.values()].map((c) => ({ w: c.w, id: c.id, set: c.set, unset: [...c.unset], add: [...c.add], remove: [...c.remove] })),
        contactEvents: this.contactEvents.map((e) => ({ id: e.id, w: e.w, c: e.c, type: e.type, payload: e.payload })),
      },
      this.updates.map((u) => u.id),
    );
    const pending = statement ?? Promise.resolve({ rows: [] as BatchWriteResult[] });
    const res = last ? await commitWith(tx, pending) : await pending;
    const inserted = res.rows[0]?.inserted ?? [];
    if (inserted.length !== this.runs.length)
      // Unreachable while events are claimed under lock: a run per (version, event) can
      // only exist once its event is processed. Fail the batch rather than double-apply.
      throw new Error(`${this.runs.length - inserted.length} run(s) of this batch already exist`);
    const outbox = new Set(res.rows[0]?.outbox ?? []);
    for (const close of this.closes)
      if (outbox.has(close.outboxId)) close.result.outboxEventIds.push(close.outboxId);
    const deliveries = new Set(res.rows[0]?.deliveries ?? []);
    for (const m of this.messages) if (deliveries.has(m.id)) m.result.deliveryMessageIds.push(m.id);
    for (const event of this.contactEvents) if (outbox.has(event.id)) event.result.outboxEventIds.push(event.id);
    return inserted;
  }
}
