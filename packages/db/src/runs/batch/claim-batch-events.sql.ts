import { sql } from 'drizzle-orm';
import type { Tx } from '../../client';
import { conversations, outboxEvents, workflowVersions, workflows } from '../../schema';
import type { ConversationRow } from '../../conversations/lock-conversation';
import { keyOf, uniqueKeys, type WorkspaceKey } from '../../sql/json-recordset';
import { rowFromJson } from '../../sql/row-from-json';
import { cachedVersionIds } from './definition-cache';
import { lockBatchConversationsCtes } from './lock-batch-conversations';
import {
  worldColumns,
  worldFromColumns,
  type BatchWorld,
  type WorldColumns,
} from './load-batch-world';
import { executeNamed } from '../../sql/named-statement';

export type OutboxEventRow = typeof outboxEvents.$inferSelect;

/** A published workflow that may start a run for one of the claimed events. */
export type CandidateRow = {
  workspaceId: string;
  workflowId: string;
  workflowName: string;
  versionId: string;
  triggerEvent: string | null;
  publishedAt: Date;
  definition: unknown;
};

export type ClaimedEvents = {
  /** Unprocessed events of the batch, in the order they were asked for. */
  events: OutboxEventRow[];
  /** The events' conversations, locked; keyed by keyOf(workspace, conversation). */
  conversations: Map<string, ConversationRow>;
  /** The database clock (ms) once the locks are held: "now" for every run of the batch. */
  now: number;
  /** Published workflows of the claimed events' workspaces listening to their event types, oldest first. */
  candidates: CandidateRow[];
  /** Members, teams and contacts the runs of these events will read. */
  world: BatchWorld;
};

type ClaimRow = WorldColumns & {
  conversations: Record<string, unknown>[];
  events: Array<Record<string, unknown> & { clock: string }>;
  candidates: Array<Omit<CandidateRow, 'publishedAt'> & { publishedAt: string }>;
};

/**
 * Locks the conversations of a batch of outbox events, claims the events that are still
 * unprocessed (marks them processed in this transaction), and reads what their runs need —
 * candidate workflows, members, teams, contacts — in one statement: on two busy cores a
 * round trip inside the batch costs more than the rows, and every one of them holds the
 * conversation locks longer. Conversations are locked first, in id order (the one-time
 * filter on the update waits for them), so two batches never wait on each other in a
 * cycle; an event another transaction claimed first comes back absent, and a second
 * delivery of the same event does nothing.
 */
export async function claimBatchEvents(
  tx: Tx,
  items: readonly WorkspaceKey[],
): Promise<ClaimedEvents> {
  const keys = uniqueKeys(items);
  const res = await executeNamed<ClaimRow>(tx, sql`
    with ${lockBatchConversationsCtes(outboxEvents, keys)},
    claimed as (
      update ${outboxEvents} o set processed_at = now()
       where (select count(*) from locked) >= 0
         and (o.workspace_id, o.id) in (select w, k from wanted)
         and o.processed_at is null
      returning o.*, (extract(epoch from clock_timestamp()) * 1000)::bigint as clock),
    candidates as (
      select w.workspace_id as "workspaceId", w.id as "workflowId", w.name as "workflowName", v.id as "versionId",
             w.trigger_event as "triggerEvent", v.published_at as "publishedAt",
             case when v.id = any(${cachedVersionIds()}::uuid[]) then null else v.definition end as definition, w.created_at
        from ${workflows} w join ${workflowVersions} v on v.id = w.published_version_id
       where w.status = 'published'
         and w.workspace_id in (select workspace_id from claimed)
         and w.trigger_event in (select type::text from claimed))
    select
      (select coalesce(json_agg(to_jsonb(l) order by l.id), '[]') from locked l) as conversations,
      (select coalesce(json_agg(to_jsonb(e)), '[]') from claimed e) as events,
      (select coalesce(json_agg(to_jsonb(c) - 'created_at' order by c.created_at, c."workflowId"), '[]') from candidates c) as candidates,
      ${worldColumns(sql`select workspace_id from claimed`, sql`select l.workspace_id, l.contact_id from locked l`)}`);
  const row = res.rows[0]!;
  const locked = row.conversations.map((c) => rowFromJson(conversations, c));
  if (locked.length === 0 || row.events.length === 0)
    return {
      events: [],
      conversations: new Map(),
      now: 0,
      candidates: [],
      world: worldFromColumns(0, [], { members: [], teams: [], contacts: [], zones: [], schedules: [] }),
    };

  const byKey = new Map(row.events.map((e) => [keyOf(String(e.workspace_id), String(e.id)), e]));
  const events: OutboxEventRow[] = [];
  for (const item of items) {
    const event = byKey.get(keyOf(item.workspaceId, item.id));
    if (event) {
      events.push(rowFromJson(outboxEvents, event));
      byKey.delete(keyOf(item.workspaceId, item.id));
    }
  }
  const now = Number(row.events[0]!.clock);
  return {
    events,
    conversations: new Map(locked.map((c) => [keyOf(c.workspaceId, c.id), c])),
    now,
    candidates: row.candidates.map((c) => ({ ...c, publishedAt: new Date(c.publishedAt) })),
    world: worldFromColumns(
      now,
      events.map((e) => e.workspaceId),
      row,
    ),
  };
}
