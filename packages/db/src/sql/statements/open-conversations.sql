with v as (select * from (select * from jsonb_to_recordset($1::jsonb) as v(w uuid, ch uuid, ext text, name text, email text, preview text) limit $2) v),
    c as (
      insert into "contacts" (workspace_id, channel_id, external_id, name, email)
      select v.w, v.ch, v.ext, v.name, v.email from v
        join "channels" ch on ch.workspace_id = v.w and ch.id = v.ch
      on conflict (workspace_id, channel_id, external_id)
      do update set name = coalesce(excluded.name, "contacts".name), email = coalesce(excluded.email, "contacts".email)
      returning id, workspace_id, channel_id, external_id),
    o as (
      -- Opened with its first message's activity (the message's created_at is this
      -- transaction's now() too): the round's write then updates only conversations that were
      -- open before — one row version, index entries and trigger calls fewer per new one.
      insert into "conversations" (workspace_id, channel_id, contact_id, status, opened_by, last_incoming_at, last_message_preview)
      select c.workspace_id, c.channel_id, c.id, 'open'::conversation_status, 'contact'::opened_by, now(), v.preview
        from c join v on v.w = c.workspace_id and v.ch = c.channel_id and v.ext = c.external_id
      on conflict (workspace_id, channel_id, contact_id) where status = 'open' do nothing
      returning id, workspace_id, channel_id, contact_id),
    ex as (
      -- The open conversation each other contact had before this statement (the insert found
      -- it and did nothing), locked in id order once the insert is done — as the separate
      -- select did, a round trip later. One committed by another transaction while this
      -- statement ran is not in its snapshot: placeConversations locks it then.
      select cv.id, cv.workspace_id, cv.channel_id, cv.contact_id
        from "conversations" cv
        join c on cv.workspace_id = c.workspace_id and cv.channel_id = c.channel_id and cv.contact_id = c.id
       where cv.status = 'open' and (select count(*) from o) >= 0
       order by cv.id
       for update of cv)
    select c.id as contact_id, c.workspace_id as w, c.channel_id as ch, c.external_id as ext, o.id as conversation_id, ex.id as locked_id
      from c
      left join o on o.workspace_id = c.workspace_id and o.channel_id = c.channel_id and o.contact_id = c.id
      left join ex on ex.workspace_id = c.workspace_id and ex.channel_id = c.channel_id and ex.contact_id = c.id
