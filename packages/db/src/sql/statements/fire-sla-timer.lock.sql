with 
    wanted as (select k.w, k.k from (select * from jsonb_to_recordset($1::jsonb) as k(w uuid, k uuid) limit $2) k),
    locked as materialized (
      select c.* from "conversations" c
       where (c.workspace_id, c.id) in (select o.workspace_id, o.conversation_id from "sla_clocks" o
                                         where (o.workspace_id, o.id) in (select w, k from wanted))
       order by c.id
       for update of c)
      select k.workspace_id as "workspaceId", k.id, k.conversation_id as "conversationId", k.kind, k.policy_id as "policyId", k.seq,
             k.due_at as "dueAt", k.warn_at as "warnAt", k.warned_at as "warnedAt", k.breached_at as "breachedAt", k.stopped_at as "stoppedAt",
             locked.team_id as "teamId", locked.assignee_id as "assigneeId",
             (extract(epoch from clock_timestamp()) * 1000)::bigint as now
        from locked join "sla_clocks" k on k.workspace_id = locked.workspace_id and k.conversation_id = locked.id
       where (k.workspace_id, k.id) in (select w, k from wanted)
         and (select count(*) from locked) >= 0
         for update of k
