-- Assignment notifications (0018) per statement instead of per row. The batch writer inserts
-- the assignments of a whole batch of runs in one statement; the row trigger ran its plpgsql
-- and its INSERT once per row, the single most expensive trigger on the routing path
-- (bench/notes.md, session 8: ~320 µs per assignment under load, 12 % of the hot statements'
-- time). Same rows, same source keys (so the same ON CONFLICT de-duplication), one NOTIFY per
-- person per statement (Postgres folds identical NOTIFYs of a transaction into one anyway).
CREATE OR REPLACE FUNCTION baton_notify_assignments() RETURNS trigger AS $$
DECLARE
  n integer;
BEGIN
  WITH moves AS (
         SELECT * FROM new_rows WHERE type IN ('assigned', 'reassigned', 'unassigned')),
       wanted (workspace_id, user_id, kind, conversation_id, actor_user_id, text, source_key) AS (
         SELECT e.workspace_id, e.to_user_id, 'assigned', e.conversation_id, e.actor_user_id,
                left(e.reason, 280), 'event:' || e.id || ':assigned'
           FROM moves e
          WHERE e.to_user_id IS NOT NULL AND e.to_user_id IS DISTINCT FROM e.actor_user_id
         UNION ALL
         SELECT e.workspace_id, e.from_user_id, 'unassigned', e.conversation_id, e.actor_user_id,
                left(e.reason, 280), 'event:' || e.id || ':unassigned'
           FROM moves e
          WHERE e.from_user_id IS NOT NULL AND e.from_user_id IS DISTINCT FROM e.to_user_id
            AND e.from_user_id IS DISTINCT FROM e.actor_user_id),
       ins AS (
         INSERT INTO notifications (workspace_id, user_id, kind, conversation_id, actor_user_id, text, source_key)
         SELECT workspace_id, user_id, kind, conversation_id, actor_user_id, text, source_key FROM wanted
         ON CONFLICT (user_id, source_key) DO NOTHING
         RETURNING workspace_id, user_id)
  SELECT count(pg_notify('baton_notifications', k)) INTO n
    FROM (SELECT DISTINCT workspace_id || ':' || user_id AS k FROM ins) d;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER conversation_events_notify ON conversation_events;
--> statement-breakpoint
DROP FUNCTION baton_notify_assignment();
--> statement-breakpoint
CREATE TRIGGER conversation_events_notify
  AFTER INSERT ON conversation_events
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION baton_notify_assignments();
