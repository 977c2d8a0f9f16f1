CREATE TABLE "conversation_queue" (
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"pool" text NOT NULL,
	"rule" "away_hand_on" NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_queue_workspace_id_conversation_id_pk" PRIMARY KEY("workspace_id","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_queue" ADD CONSTRAINT "conversation_queue_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_queue" ADD CONSTRAINT "conversation_queue_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_queue_pool_idx" ON "conversation_queue" USING btree ("workspace_id","pool","queued_at","conversation_id");--> statement-breakpoint
-- A conversation returned to its team's queue is announced like a run that queued
-- ("<workspace>:*:queued", migration 0020's payload): the drain after its commit closes the
-- race with an agent who became available while it was being returned.
CREATE OR REPLACE FUNCTION baton_conversation_queue_wake() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('baton_queue_wake', NEW.workspace_id::text || ':*:queued');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER conversation_queue_wake
  AFTER INSERT ON conversation_queue
  FOR EACH ROW EXECUTE FUNCTION baton_conversation_queue_wake();
--> statement-breakpoint
-- Leaving the queue by any path (closed in the inbox, assigned by a person, a workflow or the
-- API, merged away): the entry goes in the transaction that closed or assigned it, so the
-- drain never assigns a conversation that is already someone's.
CREATE OR REPLACE FUNCTION baton_conversation_queue_leave() RETURNS trigger AS $$
BEGIN
  DELETE FROM conversation_queue q WHERE q.workspace_id = NEW.workspace_id AND q.conversation_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER conversations_queue_leave
  AFTER UPDATE OF status, assignee_id ON conversations
  FOR EACH ROW WHEN (NEW.status <> 'open' OR NEW.assignee_id IS NOT NULL)
  EXECUTE FUNCTION baton_conversation_queue_leave();
--> statement-breakpoint
-- The wake-ups of migrations 0020 and 0023 stayed silent when no run was queued; a returned
-- conversation is queued too.
CREATE OR REPLACE FUNCTION baton_workspace_has_queue(ws uuid) RETURNS boolean AS $$
  SELECT EXISTS (SELECT 1 FROM workflow_runs r
                  WHERE r.workspace_id = ws AND r.status = 'waiting' AND (r.state->'queue'->>'pool') IS NOT NULL)
      OR EXISTS (SELECT 1 FROM conversation_queue q WHERE q.workspace_id = ws);
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION baton_queue_wake() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'memberships' THEN
    IF NEW.availability = 'online' AND OLD.availability IS DISTINCT FROM 'online' THEN
      PERFORM pg_notify('baton_queue_wake', NEW.workspace_id::text || ':' || NEW.user_id::text || ':online');
    END IF;
  ELSIF TG_TABLE_NAME = 'team_members' THEN
    PERFORM pg_notify('baton_queue_wake', NEW.workspace_id::text || ':' || NEW.user_id::text || ':team');
  ELSIF TG_TABLE_NAME = 'member_open_counts' THEN
    IF NEW.open_count < OLD.open_count AND baton_workspace_has_queue(NEW.workspace_id) THEN
      PERFORM pg_notify('baton_queue_wake', NEW.workspace_id::text || ':' || NEW.user_id::text || ':capacity');
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
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
  IF before_cap IS NOT NULL AND (after_cap IS NULL OR after_cap > before_cap) AND baton_workspace_has_queue(ws) THEN
    PERFORM pg_notify('baton_queue_wake', ws::text || ':*:settings');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
