ALTER TYPE "public"."conversation_event_type" ADD VALUE 'queued';--> statement-breakpoint
CREATE INDEX "workflow_runs_queue_idx" ON "workflow_runs" USING btree ("workspace_id",("state"->'queue'->>'pool'),(("state"->'queue'->>'since')::bigint),"id") WHERE status = 'waiting' and (state->'queue'->>'pool') is not null;--> statement-breakpoint
-- Queue wake-ups: whichever code path makes an agent available (comes online, is added to a
-- team, has fewer open conversations), Postgres tells the worker on commit (LISTEN
-- baton_queue_wake; payload "<workspace>:<user>:<why>") and the worker drains that agent's
-- queues. NOTIFY is transactional: nothing is announced that did not commit.
CREATE OR REPLACE FUNCTION baton_queue_wake() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'memberships' THEN
    -- Rare (a person's click or the idle sweep): always announced, so a run queued in a
    -- transaction still in flight is found by the drain that follows its own commit.
    IF NEW.availability = 'online' AND OLD.availability IS DISTINCT FROM 'online' THEN
      PERFORM pg_notify('baton_queue_wake', NEW.workspace_id::text || ':' || NEW.user_id::text || ':online');
    END IF;
  ELSIF TG_TABLE_NAME = 'team_members' THEN
    PERFORM pg_notify('baton_queue_wake', NEW.workspace_id::text || ':' || NEW.user_id::text || ':team');
  ELSIF TG_TABLE_NAME = 'member_open_counts' THEN
    -- Every close and hand-off lands here: only workspaces with a queue pay for a notify
    -- (NOTIFY serialises commits on a global lock).
    IF NEW.open_count < OLD.open_count AND EXISTS (
         SELECT 1 FROM workflow_runs r
          WHERE r.workspace_id = NEW.workspace_id AND r.status = 'waiting'
            AND (r.state->'queue'->>'pool') IS NOT NULL) THEN
      PERFORM pg_notify('baton_queue_wake', NEW.workspace_id::text || ':' || NEW.user_id::text || ':capacity');
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER memberships_queue_wake
  AFTER UPDATE OF availability ON memberships
  FOR EACH ROW EXECUTE FUNCTION baton_queue_wake();
--> statement-breakpoint
CREATE TRIGGER team_members_queue_wake
  AFTER INSERT ON team_members
  FOR EACH ROW EXECUTE FUNCTION baton_queue_wake();
--> statement-breakpoint
CREATE TRIGGER member_open_counts_queue_wake
  AFTER UPDATE OF open_count ON member_open_counts
  FOR EACH ROW EXECUTE FUNCTION baton_queue_wake();
