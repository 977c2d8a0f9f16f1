import { sql } from 'drizzle-orm';
import type { Tx } from '../../client';
import { commitWith } from '../../batching/pipelined-transaction';
import { conversationEvents, conversations, messages, outboxEvents } from '../../schema';
import { jsonRecords } from '../../sql/json-recordset';
import { executeNamed } from '../../sql/named-statement';

/** One message of a round, placed in its conversation, with the outbox ids it may write. */
export type InboundRow = {
  mid: string;
  w: string;
  conv: string;
  ch: string;
  text: string;
  ext: string | null;
  preview: string;
  opened: boolean;
  ev_open: string | null;
  ev_msg: string | null;
};

/**
 * One statement (one round trip while the conversations are locked): the messages, and —
 * for those not lost to a concurrent delivery of the same external id — the conversation's
 * last activity, its opened event and the outbox events. Returns the ids of the messages
 * stored. `last`: nothing follows in the transaction, so COMMIT leaves with the statement.
 */
export async function storeInboundRound(tx: Tx, rows: readonly InboundRow[], last: boolean): Promise<Set<string>> {
  const pending = executeNamed<{ kept: string[] | null }>(tx, sql`
    with v as (
      select * from ${jsonRecords(
        rows,
        'v',
        `mid uuid, w uuid, conv uuid, ch uuid, text text, ext text,
                                              preview text, opened boolean, ev_open uuid, ev_msg uuid`,
      )} v),
    ins as (
      insert into ${messages} (id, workspace_id, conversation_id, channel_id, direction, text, external_id)
      select mid, w, conv, ch, 'incoming'::message_direction, text, ext from v
      on conflict do nothing
      returning id, created_at),
    kept as (select v.*, ins.created_at from v join ins on ins.id = v.mid),
    touched as (
      update ${conversations} c
         set last_incoming_at = k.created_at, last_activity_at = k.created_at, last_message_preview = k.preview
        -- A conversation this round opened has these already (openOrLockConversations).
        from kept k where c.workspace_id = k.w and c.id = k.conv and not k.opened
      returning 1),
    opened as (
      insert into ${conversationEvents} (workspace_id, conversation_id, type, actor_type)
      select w, conv, 'opened'::conversation_event_type, 'contact'::actor_type from kept where opened
      on conflict do nothing
      returning 1),
    outbox as (
      insert into ${outboxEvents} (id, workspace_id, type, conversation_id, source, payload)
      select ev_open, w, 'conversation.opened'::outbox_event_type, conv, 'contact'::opened_by, '{}'::jsonb from kept where ev_open is not null
      union all
      select ev_msg, w, 'message.received'::outbox_event_type, conv, 'contact'::opened_by, jsonb_build_object('messageId', mid) from kept where ev_msg is not null
      returning 1)
    select (select array_agg(id) from ins) as kept,
           (select count(*) from touched) + (select count(*) from opened) + (select count(*) from outbox) as written`);
  // In the last round nothing else is written, so the COMMIT leaves with this statement. The
  // one read that may follow (a concurrent delivery's winning message) reads committed rows.
  const res = last ? await commitWith(tx, pending) : await pending;
  return new Set(res.rows[0]?.kept ?? []);
}
