ALTER TABLE "teams" ADD COLUMN "max_open" integer;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "default_max_open" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_max_open_positive" CHECK ("teams"."max_open" is null or "teams"."max_open" >= 1);--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_default_max_open_positive" CHECK ("workspaces"."default_max_open" is null or "workspaces"."default_max_open" >= 1);--> statement-breakpoint
-- A raised (or removed) capacity lets agents take queued conversations: announce it like the
-- other wake-ups of migration 0020. Payload "<workspace>:*:settings" (every queue of the
-- workspace: capacity settings change rarely, and a team's cap reaches members of others).
CREATE OR REPLACE FUNCTION baton_queue_wake_capacity() RETURNS trigger AS $$
DECLARE
  before_cap integer;
  after_cap integer;
  ws uuid;
BEGIN
  IF TG_TABLE_NAME = 'teams' THEN
    before_cap := OLD.max_open; after_cap := NEW.max_open; ws := NEW.workspace_id;
  ELSE
    before_cap := OLD.default_max_open; after_cap := NEW.default_max_open; ws := NEW.id;
  END IF;
  IF before_cap IS NOT NULL AND (after_cap IS NULL OR after_cap > before_cap) AND EXISTS (
       SELECT 1 FROM workflow_runs r
        WHERE r.workspace_id = ws
          AND r.status = 'waiting' AND (r.state->'queue'->>'pool') IS NOT NULL) THEN
    PERFORM pg_notify('baton_queue_wake', ws::text || ':*:settings');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER teams_queue_wake_capacity
  AFTER UPDATE OF max_open ON teams
  FOR EACH ROW EXECUTE FUNCTION baton_queue_wake_capacity();
--> statement-breakpoint
CREATE TRIGGER workspaces_queue_wake_capacity
  AFTER UPDATE OF default_max_open ON workspaces
  FOR EACH ROW EXECUTE FUNCTION baton_queue_wake_capacity();
