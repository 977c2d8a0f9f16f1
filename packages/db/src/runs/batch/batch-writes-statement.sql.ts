import { sql, type SQL } from 'drizzle-orm';
import type { QueryResult } from 'pg';
import type { Tx } from '../../client';
import { comments, conversationEvents, messages, runSteps, workflowRuns } from '../../schema';
import { jsonRecords, rowsParam } from '../../sql/json-recordset';
import { statementVariants, type StatementValues } from '../../sql/statement-template';
import { tableRecords } from '../../sql/table-records';

/**
 * The batch writer: everything a batch of runs decided in one statement of data-modifying
 * CTEs, one jsonb parameter per table; it updates (and so row-locks) the batch's runs,
 * conversations, cursors and contacts, which the batch already holds locked. Only the CTEs
 * with rows are sent: an empty one still costs Postgres its executor start, its indexes
 * opened and its statement-level triggers (≈ 0.45 ms per call for all of them, bench/notes.md
 * session 13), and a typical batch fills 5 of the 13. The text depends on which parts are
 * present, never on their row counts: a handful of variants, each a named prepared statement
 * rendered once per process (statementVariants).
 */

export const CLOSED_REASON = 'Conversation closed';

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

type RecordRows<R extends { recordset: (rows: never) => SQL }> = Exclude<Parameters<R['recordset']>[0], { name: string }>;

/** The rows of one batch, per part of the statement (each part is present only with rows). */
export type BatchRows = {
  finishedWaits: Array<{ w: string; r: string; s: string }>;
  runs: RecordRows<typeof newRunRecords>;
  updates: RecordRows<typeof runUpdateRecords>;
  steps: RecordRows<typeof stepRecords>;
  conversations: Array<{ w: string; id: string; a: string | null; t: string | null; p: string; touch: boolean; closed: boolean; preview: string | null }>;
  events: RecordRows<typeof eventRecords>;
  comments: RecordRows<typeof commentRecords>;
  messages: RecordRows<typeof messageRecords>;
  cursors: Array<{ w: string; k: string; u: string }>;
  /** Conversations a run closed: their other runs cancelled, `conversation.closed` written. */
  closes: Array<{ id: string; w: string; c: string }>;
  contacts: Array<{ w: string; id: string; set: Record<string, string>; unset: string[]; add: string[]; remove: string[] }>;
  contactEvents: Array<{ id: string; w: string; c: string; type: string; payload: Record<string, unknown> }>;
};
export type BatchPart = keyof BatchRows;

/** The parts in statement order: the order their CTEs are written, read and so executed. */
export const batchParts: readonly BatchPart[] = [
  'finishedWaits',
  'runs',
  'updates',
  'steps',
  'conversations',
  'events',
  'comments',
  'messages',
  'cursors',
  'closes',
  'contacts',
  'contactEvents',
];

const p = Object.fromEntries(batchParts.map((part) => [part, rowsParam(part)])) as Record<BatchPart, ReturnType<typeof rowsParam>>;
// Runs this statement updates are left to the cancellation: a row updated twice in one
// statement keeps only one of the two changes (the batch already cancelled them in memory).
const batchRunIds = sql.placeholder('batchRunIds');

/** Each part's CTEs, in statement order. */
const ctes: Record<BatchPart, () => SQL> = {
  finishedWaits: () => sql`
      finished_waits as (
        update run_steps s set finished_at = now()
          from ${jsonRecords(p.finishedWaits, 'v', 'w uuid, r uuid, s text')} v
         where s.workspace_id = v.w and s.run_id = v.r and s.step_id = v.s and s.finished_at is null
        returning 1)`,
  runs: () => sql`
      new_runs as (
        insert into workflow_runs (${newRunRecords.columns})
        select ${newRunRecords.values}
          from ${newRunRecords.recordset(p.runs)}
        on conflict do nothing
        returning id)`,
  updates: () => sql`
      updated_runs as (
        update workflow_runs r
           set ${runUpdateRecords.assignments(['workspaceId', 'id'])}
          from ${runUpdateRecords.source(p.updates)} v
         where ${runUpdateRecords.matches('r', ['workspaceId', 'id'])}
        returning 1)`,
  steps: () => sql`
      steps as (
        insert into run_steps (${stepRecords.columns})
        select ${stepRecords.values}
          from ${stepRecords.recordset(p.steps)}
        returning 1)`,
  conversations: () => sql`
      convs as (
        update conversations c
           set assignee_id = v.a, team_id = v.t, priority = v.p::conversation_priority,
               status = case when v.closed then 'closed'::conversation_status else c.status end,
               closed_at = case when v.closed then now() else c.closed_at end,
               last_activity_at = case when v.touch or v.closed then now() else c.last_activity_at end,
               last_outgoing_at = case when v.preview is not null then now() else c.last_outgoing_at end,
               last_message_preview = coalesce(v.preview, c.last_message_preview)
          from ${jsonRecords(p.conversations, 'v', 'w uuid, id uuid, a uuid, t uuid, p text, touch boolean, closed boolean, preview text')} v
         where c.workspace_id = v.w and c.id = v.id
        returning 1)`,
  events: () => sql`
      events as (
        -- Stamped with the decision's database clock (the time the engine decided on, which
        -- wake times are computed from) plus 1 µs per row in decision order, so events
        -- committed together still sort in the order they were decided.
        insert into conversation_events (${eventRecords.columns})
        select ${eventRecords.values}
          from ${eventRecords.recordset(p.events)}
        on conflict do nothing
        returning 1)`,
  comments: () => sql`
      notes as (
        insert into comments (${commentRecords.columns})
        select ${commentRecords.values}
          from ${commentRecords.recordset(p.comments)}
        on conflict do nothing
        returning 1)`,
  messages: () => sql`
      sent as (
        insert into messages (${messageRecords.columns})
        select ${messageRecords.values}
          from ${messageRecords.recordset(p.messages)}
          join conversations c on c.workspace_id = v."workspaceId" and c.id = v."conversationId"
          join channels ch on ch.workspace_id = c.workspace_id and ch.id = c.channel_id
        on conflict do nothing
        returning id, delivery_status)`,
  cursors: () => sql`
      cursors as (
        update assignment_cursors a
           set last_user_id = v.u, updated_at = now()
          from ${jsonRecords(p.cursors, 'v', 'w uuid, k text, u uuid')} v
         where a.workspace_id = v.w and a.pool_key = v.k
        returning 1)`,
  closes: () => sql`
      cancelled as (
        -- What closing a conversation does to its other runs (cancelRunsForConversation).
        update workflow_runs r
           set status = 'cancelled', error = ${CLOSED_REASON}, wake_at = null, finished_at = now(), updated_at = now()
          from ${jsonRecords(p.closes, 'v', 'w uuid, c uuid')} v
         where r.workspace_id = v.w and r.conversation_id = v.c and r.status in ('waiting', 'running')
           and not (r.id = any(${batchRunIds}::uuid[]))
        returning 1),
      closed_outbox as (
        -- conversation.closed is written only where a published workflow listens to it.
        insert into outbox_events (id, workspace_id, type, conversation_id, source, payload)
        select v.id, v.w, 'conversation.closed', v.c, 'workflow', '{}'::jsonb
          from ${jsonRecords(p.closes, 'v', 'id uuid, w uuid, c uuid')} v
         where exists (select 1 from workflows f
                        where f.workspace_id = v.w and f.status = 'published' and f.trigger_event = 'conversation.closed')
        returning id)`,
  contacts: () => sql`
      contact_rows as (
        -- Deltas, not whole values: another writer's change to other keys and tags survives.
        update contacts c
           set fields = (c.fields || v.set) - v.unset,
               tags = array(select t from unnest(c.tags) t where t <> all(v.remove) and t <> all(v.add))
                      || array(select t from unnest(v.add) t)
          from ${jsonRecords(p.contacts, 'v', 'w uuid, id uuid, set jsonb, unset text[], add text[], remove text[]')} v
         where c.workspace_id = v.w and c.id = v.id
        returning 1)`,
  contactEvents: () => sql`
      contact_outbox as (
        -- Like conversation.closed: written only where a published workflow listens to it.
        insert into outbox_events (id, workspace_id, type, conversation_id, source, payload)
        select v.id, v.w, v.type::outbox_event_type, v.c, 'workflow', v.payload
          from ${jsonRecords(p.contactEvents, 'v', 'id uuid, w uuid, c uuid, type text, payload jsonb')} v
         where exists (select 1 from workflows f
                        where f.workspace_id = v.w and f.status = 'published' and f.trigger_event = v.type)
        returning id)`,
};

// What the final select reads of each part. A data-modifying CTE runs when the statement first
// reads it, and the unread ones after the statement, in reverse order (ExecPostprocessPlan);
// `written`, which nothing reads any more, reads them all in the order the batches have always
// taken their row locks in. Absent parts are left out, not read as empty.
const reads = {
  inserted: [['runs', 'select array_agg(id) from new_runs']],
  outbox: [
    ['closes', 'select array_agg(id) from closed_outbox'],
    ['contactEvents', 'select array_agg(id) from contact_outbox'],
  ],
  deliveries: [['messages', `select array_agg(id) from sent where delivery_status = 'pending'`]],
  written: [
    ['finishedWaits', 'select count(*) from finished_waits'],
    ['updates', 'select count(*) from updated_runs'],
    ['steps', 'select count(*) from steps'],
    ['conversations', 'select count(*) from convs'],
    ['events', 'select count(*) from events'],
    ['comments', 'select count(*) from notes'],
    ['cursors', 'select count(*) from cursors'],
    ['closes', 'select count(*) from cancelled'],
    ['messages', 'select count(*) from sent'],
    ['contacts', 'select count(*) from contact_rows'],
  ],
} satisfies Record<string, Array<[BatchPart, string]>>;

function finalSelect(present: ReadonlySet<BatchPart>): string {
  const of = (list: Array<[BatchPart, string]>, join: string, none: string) => {
    const parts = list.filter(([part]) => present.has(part)).map(([, q]) => `(${q})`);
    return parts.length ? parts.join(join) : none;
  };
  return `
      select ${of(reads.inserted, ' || ', 'null::uuid[]')} as inserted,
             ${of(reads.outbox, ' || ', 'null::uuid[]')} as outbox,
             ${of(reads.deliveries, ' || ', 'null::uuid[]')} as deliveries,
             ${of(reads.written, '\n             + ', '0')} as written`;
}

/** A variant: a bit per part present, in batchParts order. */
export function variantOf(rows: BatchRows): number {
  let key = 0;
  batchParts.forEach((part, i) => {
    if (rows[part].length > 0) key |= 1 << i;
  });
  return key;
}

export function partsOf(variant: number): BatchPart[] {
  return batchParts.filter((_, i) => variant & (1 << i));
}

const statement = statementVariants((variant: number) => {
  const parts = partsOf(variant);
  return sql`
      with${sql.join(parts.map((part) => ctes[part]()), sql`,`)}${sql.raw(finalSelect(new Set(parts)))}`;
});

export type BatchWriteResult = { inserted: string[] | null; outbox: string[] | null; deliveries: string[] | null };

/**
 * The statement for these rows, issued now (null when there is nothing to write: no statement
 * at all). Foreign keys are checked at the end of the statement, so steps may reference runs
 * inserted beside them.
 */
export function writeBatchRows(tx: Tx, rows: BatchRows, batchRunIdList: readonly string[]): Promise<QueryResult<BatchWriteResult>> | null {
  const variant = variantOf(rows);
  if (variant === 0) return null;
  const values: StatementValues = {};
  for (const part of partsOf(variant)) p[part].bind(values, rows[part]);
  if (rows.closes.length > 0) values.batchRunIds = `{${batchRunIdList.join(',')}}`;
  return statement(variant).execute<BatchWriteResult>(tx, values);
}
