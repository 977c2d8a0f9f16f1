with v as (
      select * from (select * from jsonb_to_recordset($1::jsonb) as v(mid uuid, w uuid, conv uuid, ch uuid, text text, ext text,
                                              preview text, opened boolean, ev_open uuid, ev_msg uuid) limit $2) v),
    ins as (
      insert into "messages" (id, workspace_id, conversation_id, channel_id, direction, text, external_id)
      select mid, w, conv, ch, 'incoming'::message_direction, text, ext from v
      on conflict do nothing
      returning id, created_at),
    kept as (select v.*, ins.created_at from v join ins on ins.id = v.mid),
    touched as (
      update "conversations" c
         set last_incoming_at = k.created_at, last_activity_at = k.created_at, last_message_preview = k.preview
        -- A conversation this round opened has these already (openOrLockConversations).
        from kept k where c.workspace_id = k.w and c.id = k.conv and not k.opened
      returning 1),
    opened as (
      insert into "conversation_events" (workspace_id, conversation_id, type, actor_type)
      select w, conv, 'opened'::conversation_event_type, 'contact'::actor_type from kept where opened
      on conflict do nothing
      returning 1),
    outbox as (
      insert into "outbox_events" (id, workspace_id, type, conversation_id, source, payload)
      select ev_open, w, 'conversation.opened'::outbox_event_type, conv, 'contact'::opened_by, '{}'::jsonb from kept where ev_open is not null
      union all
      select ev_msg, w, 'message.received'::outbox_event_type, conv, 'contact'::opened_by, jsonb_build_object('messageId', mid) from kept where ev_msg is not null
      returning 1)
    select (select array_agg(id) from ins) as kept,
           (select count(*) from touched) + (select count(*) from opened) + (select count(*) from outbox) as written
