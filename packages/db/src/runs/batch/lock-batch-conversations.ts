import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { conversations } from '../../schema';
import { jsonRecords, type WorkspaceKey } from '../../sql/json-recordset';

/**
 * The opening CTEs of a batch statement: `wanted` — the batch's (workspace, row) pairs of
 * `owner` (outbox events, runs: any table with workspace_id, id and conversation_id) — and
 * `locked`, their conversations locked in conversation id order: the order every batch
 * takes them in, so two batches never wait on each other in a cycle. Later CTEs that take
 * other locks gate on `(select count(*) from locked) >= 0` (a one-time filter, evaluated
 * before their scan) so they lock after the conversations.
 */
export function lockBatchConversationsCtes(owner: PgTable, keys: readonly WorkspaceKey[]): SQL {
  const rows = keys.map((k) => ({ w: k.workspaceId, k: k.id }));
  return sql`
    wanted as (select k.w, k.k from ${jsonRecords(rows, 'k', 'w uuid, k uuid')} k),
    locked as materialized (
      select c.* from ${conversations} c
       where (c.workspace_id, c.id) in (select o.workspace_id, o.conversation_id from ${owner} o
                                         where (o.workspace_id, o.id) in (select w, k from wanted))
       order by c.id
       for update of c)`;
}
