ALTER TABLE "memberships" ADD COLUMN "max_open" integer;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_max_open_positive" CHECK ("memberships"."max_open" is null or "memberships"."max_open" >= 1);--> statement-breakpoint
-- A member's own capacity override that may raise their capacity (removed, raised, or set
-- where none was: it replaces the workspace default when their teams set none) wakes their
-- queues like migration 0023's settings ("<workspace>:<user>:settings").
CREATE OR REPLACE FUNCTION baton_queue_wake_member_capacity() RETURNS trigger AS $$
BEGIN
  IF NOT (OLD.max_open IS NOT NULL AND NEW.max_open IS NOT NULL AND NEW.max_open <= OLD.max_open)
     AND baton_workspace_has_queue(NEW.workspace_id) THEN
    PERFORM pg_notify('baton_queue_wake', NEW.workspace_id::text || ':' || NEW.user_id::text || ':settings');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER memberships_queue_wake_capacity
  AFTER UPDATE OF max_open ON memberships
  FOR EACH ROW WHEN (OLD.max_open IS DISTINCT FROM NEW.max_open)
  EXECUTE FUNCTION baton_queue_wake_member_capacity();
