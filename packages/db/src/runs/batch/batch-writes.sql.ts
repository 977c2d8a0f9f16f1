import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { assertNever, type RunPlan, type RunState, type Snapshot } from '@baton/engine';
import type { Tx } from '../../client';
import { comments, conversationEvents, messages, runSteps, workflowRuns } from '../../schema';
import type { AdvanceResult } from '../run-types';
import { jsonRecords, keyOf } from '../../sql/json-recordset';
import { tableRecords } from '../../sql/table-records';
import { effectEvent } from '../effect-event';
import { commitWith } from '../../batching/pipelined-transaction';
import { executeNamed } from '../../sql/named-statement';

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

const CLOSED_REASON = 'Conversation closed';

// The rows the batch statement writes, each table's column lists derived from its drizzle
// table (sql/table-records.ts): the rows are the tables' own insert shapes, serialised as they are.
const runFields = ['status', 'currentStepId', 'resumeStepId', 'wakeAt', 'waitSeq', 'state', 'error', 'finishedAt'] as const;
const newRunRecords = tableRecords(
  workflowRuns,
  'v',
  ['id', 'workspaceId', 'workflowId', 'workflowVersionId', 'conversationId', 'triggerEventId', ...runFields],
  { read: { waitSeq: (v) => sql`coalesce(${v}, 0)` } },
);
const runUpdateRecords = tableRecords(workflowRuns, 'v', ['workspaceId', 'id', ...runFields, ['updatedAt', sql`now()`]]);
const stepRecords = tableRecords(
  runSteps,
  'v',
  ['workspaceId', 'runId', 'seq', 'stepId', 'stepType', 'output', 'decision', 'effects', 'startedAt', 'finishedAt'],
  { read: { startedAt: (v) => sql`coalesce(${v}, now())` } },
);
const eventRecords = tableRecords(
  conversationEvents,
  'v',
  ['workspaceId', 'conversationId', 'type', 'actorType', 'workflowRunId', 'fromUserId', 'toUserId', 'teamId', 'reason', 'data', 'effectKey', ['createdAt', sql`v.at + v.i * interval '1 microsecond'`]],
  { extra: 'at timestamptz, i int' },
);
const commentRecords = tableRecords(
  comments,
  'v',
  ['workspaceId', 'conversationId', 'workflowRunId', 'body', 'mentionUserIds', 'effectKey'],
  { read: { mentionUserIds: (v) => sql`coalesce(${v}, '{}')` } },
);
// Automated messages: no author, never a first response; pending delivery when the channel has
// an outbound URL (delivered by the worker like an agent's reply).
const messageRecords = tableRecords(messages, 'v', [
  'id',
  'workspaceId',
  'conversationId',
  ['channelId', sql`c.channel_id`],
  ['direction', sql`'outgoing'`],
  ['authorUserId', sql`null`],
  ['automated', sql`true`],
  'workflowRunId',
  'text',
  ['deliveryStatus', sql`case when ch.outbound_url is not null then 'pending'::delivery_status end`],
  'effectKey',
]);

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
   * Everything in one statement (data-modifying CTEs, one jsonb parameter per table): each
   * round trip inside the batch holds the conversation and cursor locks a little longer, and
   * on this hardware a round trip costs more than the rows. Foreign keys are checked at the
   * end of the statement, so steps may reference runs inserted beside them. Returns the ids
   * of the runs inserted. `last`: nothing follows in this transaction, so its COMMIT may
   * leave together with this statement (commitWith).
   */
  async flush(tx: Tx, { last = false }: { last?: boolean } = {}): Promise<string[]> {
    // Runs this statement updates are left to it: a row updated twice in one statement keeps
    // only one of the two changes (the batch already cancelled them in memory).
    const batchRunIds = `{${this.updates.map((u) => u.id).join(',')}}`;
    const pending = executeNamed<{ inserted: string[] | null; outbox: string[] | null; deliveries: string[] | null }>(tx, sql`
      with
      finished_waits as (
        update run_steps s set finished_at = now()
          from ${jsonRecords(this.finishedWaits, 'v', 'w uuid, r uuid, s text')} v
         where s.workspace_id = v.w and s.run_id = v.r and s.step_id = v.s and s.finished_at is null
        returning 1),
      new_runs as (
        insert into workflow_runs (${newRunRecords.columns})
        select ${newRunRecords.values}
          from ${newRunRecords.recordset(this.runs)}
        on conflict do nothing
        returning id),
      updated_runs as (
        update workflow_runs r
           set ${runUpdateRecords.assignments(['workspaceId', 'id'])}
          from ${runUpdateRecords.source(this.updates)} v
         where ${runUpdateRecords.matches('r', ['workspaceId', 'id'])}
        returning 1),
      steps as (
        insert into run_steps (${stepRecords.columns})
        select ${stepRecords.values}
          from ${stepRecords.recordset(this.steps)}
        returning 1),
      convs as (
        update conversations c
           set assignee_id = v.a, team_id = v.t, priority = v.p::conversation_priority,
               status = case when v.closed then 'closed'::conversation_status else c.status end,
               closed_at = case when v.closed then now() else c.closed_at end,
               last_activity_at = case when v.touch or v.closed then now() else c.last_activity_at end,
               last_outgoing_at = case when v.preview is not null then now() else c.last_outgoing_at end,
               last_message_preview = coalesce(v.preview, c.last_message_preview)
          from ${jsonRecords(
            [...this.conversations.values()].map((c) => ({
              w: c.workspaceId,
              id: c.id,
              a: c.assigneeId,
              t: c.teamId,
              p: c.priority,
              touch: c.touch,
              closed: c.closed,
              preview: c.outgoingPreview,
            })),
            'v',
            'w uuid, id uuid, a uuid, t uuid, p text, touch boolean, closed boolean, preview text',
          )} v
         where c.workspace_id = v.w and c.id = v.id
        returning 1),
      events as (
        -- Stamped with the decision's database clock (the time the engine decided on, which
        -- wake times are computed from) plus 1 µs per row in decision order, so events
        -- committed together still sort in the order they were decided.
        insert into conversation_events (${eventRecords.columns})
        select ${eventRecords.values}
          from ${eventRecords.recordset(this.events)}
        on conflict do nothing
        returning 1),
      notes as (
        insert into comments (${commentRecords.columns})
        select ${commentRecords.values}
          from ${commentRecords.recordset(this.comments)}
        on conflict do nothing
        returning 1),
      sent as (
        insert into messages (${messageRecords.columns})
        select ${messageRecords.values}
          from ${messageRecords.recordset(this.messages.map(({ result: _r, ...m }) => m))}
          join conversations c on c.workspace_id = v."workspaceId" and c.id = v."conversationId"
          join channels ch on ch.workspace_id = c.workspace_id and ch.id = c.channel_id
        on conflict do nothing
        returning id, delivery_status),
      cursors as (
        update assignment_cursors a
           set last_user_id = v.u, updated_at = now()
          from ${jsonRecords(
            [...this.cursors.values()].map((c) => ({
              w: c.workspaceId,
              k: c.poolKey,
              u: c.lastUserId,
            })),
            'v',
            'w uuid, k text, u uuid',
          )} v
         where a.workspace_id = v.w and a.pool_key = v.k
        returning 1),
      cancelled as (
        -- What closing a conversation does to its other runs (cancelRunsForConversation).
        update workflow_runs r
           set status = 'cancelled', error = ${CLOSED_REASON}, wake_at = null, finished_at = now(), updated_at = now()
          from ${jsonRecords(
            this.closes.map((c) => ({ w: c.w, c: c.c })),
            'v',
            'w uuid, c uuid',
          )} v
         where r.workspace_id = v.w and r.conversation_id = v.c and r.status in ('waiting', 'running')
           and not (r.id = any(${batchRunIds}::uuid[]))
        returning 1),
      closed_outbox as (
        -- conversation.closed is written only where a published workflow listens to it.
        insert into outbox_events (id, workspace_id, type, conversation_id, source, payload)
        select v.id, v.w, 'conversation.closed', v.c, 'workflow', '{}'::jsonb
          from ${jsonRecords(
            this.closes.map((c) => ({ id: c.outboxId, w: c.w, c: c.c })),
            'v',
            'id uuid, w uuid, c uuid',
          )} v
         where exists (select 1 from workflows f
                        where f.workspace_id = v.w and f.status = 'published' and f.trigger_event = 'conversation.closed')
        returning id),
      contact_rows as (
        -- Deltas, not whole values: another writer's change to other keys and tags survives.
        update contacts c
           set fields = (c.fields || v.set) - v.unset,
               tags = array(select t from unnest(c.tags) t where t <> all(v.remove) and t <> all(v.add))
                      || array(select t from unnest(v.add) t)
          from ${jsonRecords(
            [...this.contacts.values()].map((c) => ({ w: c.w, id: c.id, set: c.set, unset: [...c.unset], add: [...c.add], remove: [...c.remove] })),
            'v',
            'w uuid, id uuid, set jsonb, unset text[], add text[], remove text[]',
          )} v
         where c.workspace_id = v.w and c.id = v.id
        returning 1),
      contact_outbox as (
        -- Like conversation.closed: written only where a published workflow listens to it.
        insert into outbox_events (id, workspace_id, type, conversation_id, source, payload)
        select v.id, v.w, v.type::outbox_event_type, v.c, 'workflow', v.payload
          from ${jsonRecords(
            this.contactEvents.map((e) => ({ id: e.id, w: e.w, c: e.c, type: e.type, payload: e.payload })),
            'v',
            'id uuid, w uuid, c uuid, type text, payload jsonb',
          )} v
         where exists (select 1 from workflows f
                        where f.workspace_id = v.w and f.status = 'published' and f.trigger_event = v.type)
        returning id)
      select (select array_agg(id) from new_runs) as inserted,
             (select array_agg(id) from closed_outbox) || (select array_agg(id) from contact_outbox) as outbox,
             (select array_agg(id) from sent where delivery_status = 'pending') as deliveries,
             (select count(*) from finished_waits) + (select count(*) from updated_runs) + (select count(*) from steps)
             + (select count(*) from convs) + (select count(*) from events) + (select count(*) from notes)
             + (select count(*) from cursors) + (select count(*) from cancelled) + (select count(*) from sent) + (select count(*) from contact_rows) as written`);
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
