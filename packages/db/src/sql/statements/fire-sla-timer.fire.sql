with f as (select * from jsonb_to_recordset($1::jsonb) as f(w uuid, clock uuid, conv uuid, type text, team uuid, reason text, data jsonb, effect text, outbox uuid) limit $2),
           c as (select * from jsonb_to_recordset($3::jsonb) as c(w uuid, clock uuid, warned boolean, breached boolean, team uuid, assignee uuid) limit $4),
           ev as (
             insert into "conversation_events" (workspace_id, conversation_id, type, actor_type, team_id, reason, data, effect_key)
             select f.w, f.conv, f.type::conversation_event_type, 'system', f.team, f.reason, f.data, f.effect from f
             on conflict do nothing
             returning 1),
           ob as (
             insert into "outbox_events" (id, workspace_id, type, conversation_id, source, payload)
             select f.outbox, f.w, f.type::outbox_event_type, f.conv, 'workflow', f.data from f
             returning 1),
           upd as (
             update "sla_clocks" k
                set warned_at = case when c.warned then now() else k.warned_at end,
                    breached_at = case when c.breached then now() else k.breached_at end,
                    team_id = c.team, assignee_id = c.assignee
               from c
              where k.workspace_id = c.w and k.id = c.clock
             returning k.workspace_id, k.id, k.seq, k.warn_at, k.due_at, k.warned_at, k.breached_at)
      select workspace_id as "workspaceId", id, seq, warn_at as "warnAt", due_at as "dueAt", warned_at as "warnedAt", breached_at as "breachedAt"
        from upd
       where (select count(*) from ev) >= 0 and (select count(*) from ob) >= 0
