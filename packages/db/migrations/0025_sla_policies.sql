CREATE TYPE "public"."sla_kind" AS ENUM('first_response', 'next_response', 'resolution');--> statement-breakpoint
ALTER TYPE "public"."conversation_event_type" ADD VALUE 'sla.warning';--> statement-breakpoint
ALTER TYPE "public"."conversation_event_type" ADD VALUE 'sla.breached';--> statement-breakpoint
ALTER TYPE "public"."outbox_event_type" ADD VALUE 'sla.warning';--> statement-breakpoint
ALTER TYPE "public"."outbox_event_type" ADD VALUE 'sla.breached';--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"policy_id" uuid,
	"kind" "sla_kind" NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"target_ms" bigint NOT NULL,
	"due_at" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"cancelled" boolean DEFAULT false NOT NULL,
	"seq" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"conditions" jsonb NOT NULL,
	"first_response_seconds" integer,
	"next_response_seconds" integer,
	"resolution_seconds" integer,
	"business_hours" jsonb,
	"warning_percent" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_recompute_requests" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"after_id" uuid
);
--> statement-breakpoint
CREATE TABLE "sla_sync_queue" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_recompute_requests" ADD CONSTRAINT "sla_recompute_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_sync_queue" ADD CONSTRAINT "sla_sync_queue_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_sync_queue" ADD CONSTRAINT "sla_sync_queue_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_clocks_instance_unique" ON "sla_clocks" USING btree ("conversation_id","kind","started_at");--> statement-breakpoint
CREATE INDEX "sla_clocks_running_idx" ON "sla_clocks" USING btree ("conversation_id") WHERE stopped_at is null;--> statement-breakpoint
CREATE INDEX "sla_clocks_due_idx" ON "sla_clocks" USING btree ("due_at") WHERE stopped_at is null and breached_at is null;--> statement-breakpoint
CREATE INDEX "sla_clocks_warn_idx" ON "sla_clocks" USING btree ("warn_at") WHERE stopped_at is null and warned_at is null;--> statement-breakpoint
CREATE INDEX "sla_clocks_workspace_started_idx" ON "sla_clocks" USING btree ("workspace_id","started_at");--> statement-breakpoint
CREATE INDEX "sla_policies_workspace_idx" ON "sla_policies" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "sla_sync_queue_queued_idx" ON "sla_sync_queue" USING btree ("queued_at");--> statement-breakpoint
CREATE INDEX "conversations_inbox_sla_due_idx" ON "conversations" USING btree ("workspace_id","status","sla_due_at","id");--> statement-breakpoint
-- SLA clocks are derived from the conversation's state (issue #17). Whatever path changes
-- what they depend on — inbound batch, inbox, API, a workflow — these triggers queue the
-- conversation for re-planning in the same transaction, and NOTIFY (delivered on commit)
-- wakes the worker, which plans under the conversation's lock. Workspaces without SLA
-- policies skip it (one index probe).
CREATE FUNCTION baton_sla_enqueue_conversation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM sla_policies WHERE workspace_id = NEW.workspace_id)
     AND NOT EXISTS (SELECT 1 FROM sla_clocks WHERE conversation_id = NEW.id AND stopped_at IS NULL) THEN
    RETURN NULL;
  END IF;
  INSERT INTO sla_sync_queue (conversation_id, workspace_id) VALUES (NEW.id, NEW.workspace_id) ON CONFLICT DO NOTHING;
  PERFORM pg_notify('baton_sla_sync', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversations_sla_opened AFTER INSERT ON conversations
  FOR EACH ROW EXECUTE FUNCTION baton_sla_enqueue_conversation();
--> statement-breakpoint
CREATE TRIGGER conversations_sla_changed
  AFTER UPDATE OF status, opened_at, closed_at, team_id, priority, channel_id, first_response_at, last_agent_reply_at, last_incoming_at ON conversations
  FOR EACH ROW WHEN (
    (OLD.status, OLD.opened_at, OLD.team_id, OLD.priority, OLD.channel_id, OLD.first_response_at, OLD.last_agent_reply_at)
      IS DISTINCT FROM (NEW.status, NEW.opened_at, NEW.team_id, NEW.priority, NEW.channel_id, NEW.first_response_at, NEW.last_agent_reply_at)
    -- A customer message matters only after an agent reply (it starts next response).
    OR (NEW.last_incoming_at IS DISTINCT FROM OLD.last_incoming_at AND NEW.last_agent_reply_at IS NOT NULL))
  EXECUTE FUNCTION baton_sla_enqueue_conversation();
--> statement-breakpoint
-- Tags are the contact's: a tag change may make another policy match its open conversations.
CREATE FUNCTION baton_sla_enqueue_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM sla_policies WHERE workspace_id = NEW.workspace_id) THEN RETURN NULL; END IF;
  INSERT INTO sla_sync_queue (conversation_id, workspace_id)
  SELECT c.id, c.workspace_id FROM conversations c
   WHERE c.workspace_id = NEW.workspace_id AND c.contact_id = NEW.id AND c.status = 'open'
  ON CONFLICT DO NOTHING;
  IF FOUND THEN PERFORM pg_notify('baton_sla_sync', ''); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contacts_sla_tags_changed AFTER UPDATE OF tags ON contacts
  FOR EACH ROW WHEN (OLD.tags IS DISTINCT FROM NEW.tags)
  EXECUTE FUNCTION baton_sla_enqueue_contact();
--> statement-breakpoint
-- Event webhooks (#18) learn the SLA events: the fan-out of migration 0015 with two more kinds.
CREATE OR REPLACE FUNCTION webhook_fanout_conversation_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) THEN RETURN NULL; END IF;
  BEGIN
    INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_id, event_type, payload)
    SELECT e.workspace_id, s.id, e.id, m.type,
           jsonb_build_object('id', e.id, 'type', m.type, 'workspaceId', e.workspace_id, 'occurredAt', e.created_at,
             'data', jsonb_build_object('conversationId', e.conversation_id, 'actorType', e.actor_type, 'actorUserId', e.actor_user_id,
               'workflowRunId', e.workflow_run_id, 'fromUserId', e.from_user_id, 'toUserId', e.to_user_id, 'teamId', e.team_id,
               'reason', e.reason) || CASE WHEN m.type LIKE 'sla.%' THEN jsonb_build_object('sla', e.data) ELSE '{}'::jsonb END)
      FROM new_rows e
      JOIN (VALUES ('opened', 'conversation.opened'), ('assigned', 'conversation.assigned'),
                   ('reassigned', 'conversation.reassigned'), ('closed', 'conversation.closed'),
                   ('sla.warning', 'sla.warning'), ('sla.breached', 'sla.breached')) AS m(kind, type)
        ON m.kind = e.type::text
      JOIN webhook_subscriptions s ON s.workspace_id = e.workspace_id AND s.active AND m.type = ANY (s.events)
    ON CONFLICT DO NOTHING;
  EXCEPTION WHEN OTHERS THEN
    -- An event webhook must never fail the change it announces (routing, replies, inbound).
    RAISE WARNING 'event webhooks: % (%)', SQLERRM, SQLSTATE;
  END;
  RETURN NULL;
END $$;
