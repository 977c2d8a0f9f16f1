CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"secret_encrypted" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_subscription_event_unique" ON "webhook_deliveries" USING btree ("subscription_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_log_idx" ON "webhook_deliveries" USING btree ("workspace_id","subscription_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_workspace_idx" ON "webhook_subscriptions" USING btree ("workspace_id");--> statement-breakpoint
-- Event webhooks (#18): every event a subscription listens to becomes one webhook_deliveries
-- row in the transaction that made it, whichever code path wrote it (the batch writer's one
-- statement, a reply, the inbound API). Statement-level triggers with transition tables: one
-- INSERT … SELECT per statement, not per row, and nothing at all is written for workspaces
-- without a subscription. Event ids are the source rows' ids (a run's: its id, status and
-- finish time), and (subscription, event) is unique: exactly one delivery per subscription.
-- A fan-out error is caught and logged (RAISE WARNING), never failing the change it announces.
CREATE FUNCTION webhook_fanout_conversation_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most workspaces subscribe to nothing: skip the work when nobody at all listens.
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) THEN RETURN NULL; END IF;
  BEGIN
    INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_id, event_type, payload)
    SELECT e.workspace_id, s.id, e.id, m.type,
           jsonb_build_object('id', e.id, 'type', m.type, 'workspaceId', e.workspace_id, 'occurredAt', e.created_at,
             'data', jsonb_build_object('conversationId', e.conversation_id, 'actorType', e.actor_type, 'actorUserId', e.actor_user_id,
               'workflowRunId', e.workflow_run_id, 'fromUserId', e.from_user_id, 'toUserId', e.to_user_id, 'teamId', e.team_id,
               'reason', e.reason))
      FROM new_rows e
      JOIN (VALUES ('opened', 'conversation.opened'), ('assigned', 'conversation.assigned'),
                   ('reassigned', 'conversation.reassigned'), ('closed', 'conversation.closed')) AS m(kind, type)
        ON m.kind = e.type::text
      JOIN webhook_subscriptions s ON s.workspace_id = e.workspace_id AND s.active AND m.type = ANY (s.events)
    ON CONFLICT DO NOTHING;
  EXCEPTION WHEN OTHERS THEN
    -- An event webhook must never fail the change it announces (routing, replies, inbound).
    RAISE WARNING 'event webhooks: % (%)', SQLERRM, SQLSTATE;
  END;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_events_webhooks AFTER INSERT ON conversation_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_fanout_conversation_events();
--> statement-breakpoint
CREATE FUNCTION webhook_fanout_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most workspaces subscribe to nothing: skip the work when nobody at all listens.
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) THEN RETURN NULL; END IF;
  BEGIN
    INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_id, event_type, payload)
    SELECT m.workspace_id, s.id, m.id, 'message.created',
           jsonb_build_object('id', m.id, 'type', 'message.created', 'workspaceId', m.workspace_id, 'occurredAt', m.created_at,
             'data', jsonb_build_object('messageId', m.id, 'conversationId', m.conversation_id, 'channelId', m.channel_id,
               'direction', m.direction, 'automated', m.automated, 'authorUserId', m.author_user_id,
               'workflowRunId', m.workflow_run_id, 'text', m.text))
      FROM new_rows m
      JOIN webhook_subscriptions s ON s.workspace_id = m.workspace_id AND s.active AND 'message.created' = ANY (s.events)
    ON CONFLICT DO NOTHING;
  EXCEPTION WHEN OTHERS THEN
    -- An event webhook must never fail the change it announces (routing, replies, inbound).
    RAISE WARNING 'event webhooks: % (%)', SQLERRM, SQLSTATE;
  END;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_webhooks AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_fanout_messages();
--> statement-breakpoint
-- A run's end: inserted already finished (a run with no wait) or updated into completed/failed.
-- A retried run that fails again is a new event (its finish time differs). One function per
-- trigger: an INSERT trigger has no OLD TABLE to refer to.
CREATE FUNCTION webhook_fanout_runs(finished workflow_runs[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_id, event_type, payload)
  SELECT r.workspace_id, s.id, r.event_id, r.type,
         jsonb_build_object('id', r.event_id, 'type', r.type, 'workspaceId', r.workspace_id, 'occurredAt', coalesce(r.finished_at, now()),
           'data', jsonb_build_object('runId', r.id, 'workflowId', r.workflow_id, 'workflowVersionId', r.workflow_version_id,
             'conversationId', r.conversation_id, 'status', r.status, 'error', r.error))
    FROM (SELECT n.*, 'run.' || n.status::text AS type,
                 md5(n.id::text || ':' || n.status::text || ':' || coalesce(n.finished_at::text, ''))::uuid AS event_id
            FROM unnest(finished) n) r
    JOIN webhook_subscriptions s ON s.workspace_id = r.workspace_id AND s.active AND r.type = ANY (s.events)
  ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint
CREATE FUNCTION webhook_fanout_runs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most workspaces subscribe to nothing: skip the work when nobody at all listens.
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) THEN RETURN NULL; END IF;
  BEGIN
    PERFORM webhook_fanout_runs(ARRAY(SELECT n::workflow_runs FROM new_rows n WHERE n.status IN ('completed', 'failed')));
  EXCEPTION WHEN OTHERS THEN
    -- An event webhook must never fail the change it announces (routing, replies, inbound).
    RAISE WARNING 'event webhooks: % (%)', SQLERRM, SQLSTATE;
  END;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION webhook_fanout_runs_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most workspaces subscribe to nothing: skip the work when nobody at all listens.
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) THEN RETURN NULL; END IF;
  BEGIN
    PERFORM webhook_fanout_runs(ARRAY(
      SELECT n::workflow_runs FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.status IN ('completed', 'failed') AND o.status IS DISTINCT FROM n.status));
  EXCEPTION WHEN OTHERS THEN
    -- An event webhook must never fail the change it announces (routing, replies, inbound).
    RAISE WARNING 'event webhooks: % (%)', SQLERRM, SQLSTATE;
  END;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER workflow_runs_inserted_webhooks AFTER INSERT ON workflow_runs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_fanout_runs_inserted();
--> statement-breakpoint
CREATE TRIGGER workflow_runs_updated_webhooks AFTER UPDATE ON workflow_runs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_fanout_runs_updated();
