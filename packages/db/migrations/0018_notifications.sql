CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"conversation_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"text" text,
	"source_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_source_unique" ON "notifications" USING btree ("user_id","source_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("workspace_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("workspace_id","user_id") WHERE read_at is null;
--> statement-breakpoint
-- Notifications are written with the event that causes them, whichever code path wrote the
-- event (workflow batch, inbox, API), and announced on commit: NOTIFY is delivered only when
-- the transaction commits, so a listener never hears of a notification that rolled back.
-- Nobody is told about what they did themselves (taking a conversation, mentioning oneself).
CREATE OR REPLACE FUNCTION baton_notify_assignment() RETURNS trigger AS $$
DECLARE
  n integer;
BEGIN
  WITH wanted (user_id, kind) AS (
         SELECT NEW.to_user_id, 'assigned'
          WHERE NEW.to_user_id IS NOT NULL AND NEW.to_user_id IS DISTINCT FROM NEW.actor_user_id
         UNION ALL
         SELECT NEW.from_user_id, 'unassigned'
          WHERE NEW.from_user_id IS NOT NULL AND NEW.from_user_id IS DISTINCT FROM NEW.to_user_id
            AND NEW.from_user_id IS DISTINCT FROM NEW.actor_user_id),
       ins AS (
         INSERT INTO notifications (workspace_id, user_id, kind, conversation_id, actor_user_id, text, source_key)
         SELECT NEW.workspace_id, w.user_id, w.kind, NEW.conversation_id, NEW.actor_user_id,
                left(NEW.reason, 280), 'event:' || NEW.id || ':' || w.kind
           FROM wanted w
         ON CONFLICT (user_id, source_key) DO NOTHING
         RETURNING workspace_id, user_id)
  SELECT count(pg_notify('baton_notifications', workspace_id || ':' || user_id)) INTO n FROM ins;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER conversation_events_notify
  AFTER INSERT ON conversation_events
  FOR EACH ROW WHEN (NEW.type IN ('assigned', 'reassigned', 'unassigned'))
  EXECUTE FUNCTION baton_notify_assignment();
--> statement-breakpoint
-- Mentions in internal comments, a workflow's comment step included (no author). Only
-- members of the comment's workspace are told.
CREATE OR REPLACE FUNCTION baton_notify_mentions() RETURNS trigger AS $$
DECLARE
  n integer;
BEGIN
  WITH ins AS (
         INSERT INTO notifications (workspace_id, user_id, kind, conversation_id, actor_user_id, text, source_key)
         SELECT NEW.workspace_id, m.user_id, 'mentioned', NEW.conversation_id, NEW.author_user_id,
                left(NEW.body, 280), 'comment:' || NEW.id
           FROM (SELECT DISTINCT u AS user_id FROM unnest(NEW.mention_user_ids) u) m
          WHERE m.user_id IS DISTINCT FROM NEW.author_user_id
            AND EXISTS (SELECT 1 FROM memberships ms
                         WHERE ms.workspace_id = NEW.workspace_id AND ms.user_id = m.user_id)
         ON CONFLICT (user_id, source_key) DO NOTHING
         RETURNING workspace_id, user_id)
  SELECT count(pg_notify('baton_notifications', workspace_id || ':' || user_id)) INTO n FROM ins;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER comments_notify_mentions
  AFTER INSERT ON comments
  FOR EACH ROW WHEN (cardinality(NEW.mention_user_ids) > 0)
  EXECUTE FUNCTION baton_notify_mentions();
