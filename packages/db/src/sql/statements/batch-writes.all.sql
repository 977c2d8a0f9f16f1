with
      finished_waits as (
        update run_steps s set finished_at = now()
          from (select * from jsonb_to_recordset($1::jsonb) as v(w uuid, r uuid, s text) limit $2) v
         where s.workspace_id = v.w and s.run_id = v.r and s.step_id = v.s and s.finished_at is null
        returning 1),
      new_runs as (
        insert into workflow_runs (id, workspace_id, workflow_id, workflow_version_id, conversation_id, trigger_event_id,
                                   status, current_step_id, resume_step_id, wake_at, wait_seq, state, error, finished_at)
        select v.id, v."workspaceId", v."workflowId", v."workflowVersionId", v."conversationId", v."triggerEventId",
               v.status::run_status, v."currentStepId", v."resumeStepId", v."wakeAt", coalesce(v."waitSeq", 0), v.state, v.error, v."finishedAt"
          from jsonb_to_recordset($3::jsonb) as v(id uuid, "workspaceId" uuid, "workflowId" uuid, "workflowVersionId" uuid,
               "conversationId" uuid, "triggerEventId" uuid, status text, "currentStepId" text, "resumeStepId" text,
               "wakeAt" timestamptz, "waitSeq" int, state jsonb, error text, "finishedAt" timestamptz)
        on conflict do nothing
        returning id),
      updated_runs as (
        update workflow_runs r
           set status = v.status::run_status, current_step_id = v."currentStepId", resume_step_id = v."resumeStepId",
               wake_at = v."wakeAt", wait_seq = v."waitSeq", state = v.state, error = v.error,
               finished_at = v."finishedAt", updated_at = now()
          from (select * from jsonb_to_recordset($4::jsonb) as v("workspaceId" uuid, id uuid, status text, "currentStepId" text,
               "resumeStepId" text, "wakeAt" timestamptz, "waitSeq" int, state jsonb, error text, "finishedAt" timestamptz) limit $5) v
         where r.workspace_id = v."workspaceId" and r.id = v.id
        returning 1),
      steps as (
        insert into run_steps (workspace_id, run_id, seq, step_id, step_type, output, decision, effects, started_at, finished_at)
        select v."workspaceId", v."runId", v.seq, v."stepId", v."stepType", v.output, v.decision, v.effects,
               coalesce(v."startedAt", now()), v."finishedAt"
          from jsonb_to_recordset($6::jsonb) as v("workspaceId" uuid, "runId" uuid, seq int, "stepId" text,
               "stepType" text, output text, decision jsonb, effects jsonb, "startedAt" timestamptz, "finishedAt" timestamptz)
        returning 1),
      convs as (
        update conversations c
           set assignee_id = v.a, team_id = v.t, priority = v.p::conversation_priority,
               status = case when v.closed then 'closed'::conversation_status else c.status end,
               closed_at = case when v.closed then now() else c.closed_at end,
               last_activity_at = case when v.touch or v.closed then now() else c.last_activity_at end,
               last_outgoing_at = case when v.preview is not null then now() else c.last_outgoing_at end,
               last_message_preview = coalesce(v.preview, c.last_message_preview)
          from (select * from jsonb_to_recordset($7::jsonb) as v(w uuid, id uuid, a uuid, t uuid, p text, touch boolean, closed boolean, preview text) limit $8) v
         where c.workspace_id = v.w and c.id = v.id
        returning 1),
      events as (
        -- Stamped with the decision's database clock (the time the engine decided on, which
        -- wake times are computed from) plus 1 µs per row in decision order, so events
        -- committed together still sort in the order they were decided.
        insert into conversation_events (workspace_id, conversation_id, type, actor_type, workflow_run_id, from_user_id,
                                         to_user_id, team_id, reason, data, effect_key, created_at)
        select v."workspaceId", v."conversationId", v.type::conversation_event_type, v."actorType"::actor_type, v."workflowRunId",
               v."fromUserId", v."toUserId", v."teamId", v.reason, v.data, v."effectKey", v.at + v.i * interval '1 microsecond'
          from jsonb_to_recordset($9::jsonb) as v("workspaceId" uuid, "conversationId" uuid, type text, "actorType" text,
               "workflowRunId" uuid, "fromUserId" uuid, "toUserId" uuid, "teamId" uuid, reason text, data jsonb, "effectKey" text,
               at timestamptz, i int)
        on conflict do nothing
        returning 1),
      notes as (
        insert into comments (workspace_id, conversation_id, workflow_run_id, body, mention_user_ids, effect_key)
        select v."workspaceId", v."conversationId", v."workflowRunId", v.body, coalesce(v."mentionUserIds", '{}'), v."effectKey"
          from jsonb_to_recordset($10::jsonb) as v("workspaceId" uuid, "conversationId" uuid, "workflowRunId" uuid,
               body text, "mentionUserIds" uuid[], "effectKey" text)
        on conflict do nothing
        returning 1),
      sent as (
        -- Automated messages: no author, never a first response; pending delivery when the
        -- channel has an outbound URL (delivered by the worker like an agent's reply).
        insert into messages (id, workspace_id, conversation_id, channel_id, direction, author_user_id, automated,
                              workflow_run_id, text, delivery_status, effect_key)
        select v.id, v."workspaceId", v."conversationId", c.channel_id, 'outgoing', null, true, v."workflowRunId", v.text,
               case when ch.outbound_url is not null then 'pending'::delivery_status end, v."effectKey"
          from jsonb_to_recordset($11::jsonb) as v(id uuid, "workspaceId" uuid,
               "conversationId" uuid, "workflowRunId" uuid, text text, "effectKey" text)
          join conversations c on c.workspace_id = v."workspaceId" and c.id = v."conversationId"
          join channels ch on ch.workspace_id = c.workspace_id and ch.id = c.channel_id
        on conflict do nothing
        returning id, delivery_status),
      cursors as (
        update assignment_cursors a
           set last_user_id = v.u, updated_at = now()
          from (select * from jsonb_to_recordset($12::jsonb) as v(w uuid, k text, u uuid) limit $13) v
         where a.workspace_id = v.w and a.pool_key = v.k
        returning 1),
      cancelled as (
        -- What closing a conversation does to its other runs (cancelRunsForConversation).
        update workflow_runs r
           set status = 'cancelled', error = $14, wake_at = null, finished_at = now(), updated_at = now()
          from (select * from jsonb_to_recordset($15::jsonb) as v(w uuid, c uuid) limit $16) v
         where r.workspace_id = v.w and r.conversation_id = v.c and r.status in ('waiting', 'running')
           and not (r.id = any($17::uuid[]))
        returning 1),
      closed_outbox as (
        -- conversation.closed is written only where a published workflow listens to it.
        insert into outbox_events (id, workspace_id, type, conversation_id, source, payload)
        select v.id, v.w, 'conversation.closed', v.c, 'workflow', '{}'::jsonb
          from (select * from jsonb_to_recordset($18::jsonb) as v(id uuid, w uuid, c uuid) limit $19) v
         where exists (select 1 from workflows f
                        where f.workspace_id = v.w and f.status = 'published' and f.trigger_event = 'conversation.closed')
        returning id),
      contact_rows as (
        -- Deltas, not whole values: another writer's change to other keys and tags survives.
        update contacts c
           set fields = (c.fields || v.set) - v.unset,
               tags = array(select t from unnest(c.tags) t where t <> all(v.remove) and t <> all(v.add))
                      || array(select t from unnest(v.add) t)
          from (select * from jsonb_to_recordset($20::jsonb) as v(w uuid, id uuid, set jsonb, unset text[], add text[], remove text[]) limit $21) v
         where c.workspace_id = v.w and c.id = v.id
        returning 1),
      contact_outbox as (
        -- Like conversation.closed: written only where a published workflow listens to it.
        insert into outbox_events (id, workspace_id, type, conversation_id, source, payload)
        select v.id, v.w, v.type::outbox_event_type, v.c, 'workflow', v.payload
          from (select * from jsonb_to_recordset($22::jsonb) as v(id uuid, w uuid, c uuid, type text, payload jsonb) limit $23) v
         where exists (select 1 from workflows f
                        where f.workspace_id = v.w and f.status = 'published' and f.trigger_event = v.type)
        returning id)
      select (select array_agg(id) from new_runs) as inserted,
             (select array_agg(id) from closed_outbox) || (select array_agg(id) from contact_outbox) as outbox,
             (select array_agg(id) from sent where delivery_status = 'pending') as deliveries,
             (select count(*) from finished_waits) + (select count(*) from updated_runs) + (select count(*) from steps)
             + (select count(*) from convs) + (select count(*) from events) + (select count(*) from notes)
             + (select count(*) from cursors) + (select count(*) from cancelled) + (select count(*) from sent) + (select count(*) from contact_rows) as written
