with 
    wanted as (select k.w, k.k from (select * from jsonb_to_recordset($1::jsonb) as k(w uuid, k uuid) limit $2) k),
    locked as materialized (
      select c.* from "conversations" c
       where (c.workspace_id, c.id) in (select o.workspace_id, o.conversation_id from "workflow_runs" o
                                         where (o.workspace_id, o.id) in (select w, k from wanted))
       order by c.id
       for update of c),
    runs as materialized (
      select r.* from "workflow_runs" r
       where (select count(*) from locked) >= 0
         and (r.workspace_id, r.id) in (select w, k from wanted)
       order by r.id
       for update of r)
    select
      (select coalesce(json_agg(to_jsonb(l) order by l.id), '[]') from locked l) as conversations,
      (select coalesce(json_agg(to_jsonb(r) order by r.id), '[]') from runs r) as runs,
      (select coalesce(json_agg(json_build_object('id', v.id, 'workspaceId', v.workspace_id, 'definition', case when v.id = any($3::uuid[]) then null else v.definition end, 'workflowName', w.name)), '[]')
         from "workflow_versions" v join "workflows" w on w.id = v.workflow_id
        where (v.workspace_id, v.id) in (select r.workspace_id, r.workflow_version_id from runs r where r.status = 'waiting')) as versions,
      
      (select coalesce(json_agg(json_build_object('w', m.workspace_id, 'id', u.id, 'name', u.name, 'availability', m.availability, 'skills', m.skills,
                                                 'capacity', coalesce(
    least(
      (select cm.max_open from "memberships" cm where cm.workspace_id = m.workspace_id and cm.user_id = m.user_id),
      (select min(ct.max_open) from "team_members" ctm join "teams" ct on ct.id = ctm.team_id and ct.workspace_id = ctm.workspace_id
        where ctm.workspace_id = m.workspace_id and ctm.user_id = m.user_id and ct.max_open is not null)),
    (select cw.default_max_open from "workspaces" cw where cw.id = m.workspace_id)))
                                order by m.created_at, m.user_id), '[]')
         from "memberships" m join "users" u on u.id = m.user_id
        where m.workspace_id in (select workspace_id from runs)) as members,
      (select coalesce(json_agg(json_build_object('w', t.workspace_id, 'id', t.id, 'name', t.name)), '[]')
         from "teams" t where t.workspace_id in (select workspace_id from runs)) as teams,
      (select coalesce(json_agg(json_build_object('w', c.workspace_id, 'id', c.id, 'name', c.name, 'fields', c.fields, 'tags', c.tags)), '[]')
         from "contacts" c
        where (c.workspace_id, c.id) in (select l.workspace_id, l.contact_id from locked l)) as contacts,
      
      (select coalesce(json_agg(json_build_object('w', ws.id, 'timeZone', ws.time_zone)), '[]')
         from "workspaces" ws where ws.id in (select workspace_id from runs)) as zones,
      (select coalesce(json_agg(json_build_object('w', s.workspace_id, 'teamId', s.team_id, 'timeZone', s.time_zone, 'weekly', s.weekly, 'holidays', s.holidays)), '[]')
         from "schedules" s where s.workspace_id in (select workspace_id from runs)) as schedules,
      (extract(epoch from clock_timestamp()) * 1000)::bigint as clock
