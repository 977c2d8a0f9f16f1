with
      new_runs as (
        insert into workflow_runs (id, workspace_id, workflow_id, workflow_version_id, conversation_id, trigger_event_id, status, current_step_id, resume_step_id, wake_at, wait_seq, state, error, finished_at)
        select v.id, v."workspaceId", v."workflowId", v."workflowVersionId", v."conversationId", v."triggerEventId", v.status::run_status, v."currentStepId", v."resumeStepId", v."wakeAt", coalesce(v."waitSeq", 0), v.state, v.error, v."finishedAt"
          from jsonb_to_recordset($1::jsonb) as v(id uuid, "workspaceId" uuid, "workflowId" uuid, "workflowVersionId" uuid, "conversationId" uuid, "triggerEventId" uuid, status text, "currentStepId" text, "resumeStepId" text, "wakeAt" timestamptz, "waitSeq" int, state jsonb, error text, "finishedAt" timestamptz)
        on conflict do nothing
        returning id),
      steps as (
        insert into run_steps (workspace_id, run_id, seq, step_id, step_type, output, decision, effects, started_at, finished_at)
        select v."workspaceId", v."runId", v.seq, v."stepId", v."stepType", v.output, v.decision, v.effects, coalesce(v."startedAt", now()), v."finishedAt"
          from jsonb_to_recordset($2::jsonb) as v("workspaceId" uuid, "runId" uuid, seq int, "stepId" text, "stepType" text, output text, decision jsonb, effects jsonb, "startedAt" timestamptz, "finishedAt" timestamptz)
        returning 1),
      convs as (
        update conversations c
           set assignee_id = v.a, team_id = v.t, priority = v.p::conversation_priority,
               status = case when v.closed then 'closed'::conversation_status else c.status end,
               closed_at = case when v.closed then now() else c.closed_at end,
               last_activity_at = case when v.touch or v.closed then now() else c.last_activity_at end,
               last_outgoing_at = case when v.preview is not null then now() else c.last_outgoing_at end,
               last_message_preview = coalesce(v.preview, c.last_message_preview)
          from (select * from jsonb_to_recordset($3::jsonb) as v(w uuid, id uuid, a uuid, t uuid, p text, touch boolean, closed boolean, preview text) limit $4) v
         where c.workspace_id = v.w and c.id = v.id
        returning 1),
      events as (
        -- Stamped with the decision's database clock (the time the engine decided on, which
        -- wake times are computed from) plus 1 µs per row in decision order, so events
        -- committed together still sort in the order they were decided.
        insert into conversation_events (workspace_id, conversation_id, type, actor_type, workflow_run_id, from_user_id, to_user_id, team_id, reason, data, effect_key, created_at)
        select v."workspaceId", v."conversationId", v.type::conversation_event_type, v."actorType"::actor_type, v."workflowRunId", v."fromUserId", v."toUserId", v."teamId", v.reason, v.data, v."effectKey", v.at + v.i * interval '1 microsecond'
          from jsonb_to_recordset($5::jsonb) as v("workspaceId" uuid, "conversationId" uuid, type text, "actorType" text, "workflowRunId" uuid, "fromUserId" uuid, "toUserId" uuid, "teamId" uuid, reason text, data jsonb, "effectKey" text, at timestamptz, i int)
        on conflict do nothing
        returning 1),
      cursors as (
        update assignment_cursors a
           set last_user_id = v.u, updated_at = now()
          from (select * from jsonb_to_recordset($6::jsonb) as v(w uuid, k text, u uuid) limit $7) v
         where a.workspace_id = v.w and a.pool_key = v.k
        returning 1)
      select (select array_agg(id) from new_runs) as inserted,
             null::uuid[] as outbox,
             null::uuid[] as deliveries,
             (select count(*) from steps)
             + (select count(*) from convs)
             + (select count(*) from events)
             + (select count(*) from cursors) as written
