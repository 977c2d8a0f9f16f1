ALTER TABLE "conversations" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assignee_replied_at" timestamp with time zone;--> statement-breakpoint
-- Existing assignments: the clock starts at the last event that handed the conversation to
-- its assignee (opening time when none was recorded), stopped by their first reply since.
UPDATE conversations c
   SET assigned_at = coalesce(
         (SELECT max(e.created_at) FROM conversation_events e
           WHERE e.conversation_id = c.id AND e.to_user_id = c.assignee_id
             AND e.type IN ('assigned', 'reassigned')),
         c.opened_at)
 WHERE c.assignee_id IS NOT NULL;
--> statement-breakpoint
UPDATE conversations c
   SET assignee_replied_at = (
         SELECT min(m.created_at) FROM messages m
          WHERE m.conversation_id = c.id AND m.direction = 'outgoing' AND NOT m.automated
            AND m.author_user_id = c.assignee_id AND m.created_at >= c.assigned_at)
 WHERE c.assignee_id IS NOT NULL;
--> statement-breakpoint
-- Every change of assignee (workflow batch, inbox, API, a deleted user) restarts the clock,
-- whichever code path makes it; giving it to the same person again does not.
CREATE OR REPLACE FUNCTION baton_restart_reply_clock() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.assignee_id IS DISTINCT FROM OLD.assignee_id THEN
    NEW.assigned_at := CASE WHEN NEW.assignee_id IS NULL THEN NULL ELSE now() END;
    NEW.assignee_replied_at := NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- WHEN clauses keep the hot paths (unassigned inbound openings, incoming messages) from
-- calling plpgsql at all.
CREATE TRIGGER conversations_restart_reply_clock
  BEFORE UPDATE OF assignee_id ON conversations
  FOR EACH ROW WHEN (NEW.assignee_id IS DISTINCT FROM OLD.assignee_id)
  EXECUTE FUNCTION baton_restart_reply_clock();
--> statement-breakpoint
CREATE TRIGGER conversations_start_reply_clock
  BEFORE INSERT ON conversations
  FOR EACH ROW WHEN (NEW.assignee_id IS NOT NULL)
  EXECUTE FUNCTION baton_restart_reply_clock();
--> statement-breakpoint
-- Only an outgoing message whose author is the current assignee stops their clock: a
-- colleague's reply or an automated message (send-message step: automated, no author)
-- never counts as theirs.
-- Replies are written under the conversation's row lock, so the assignee read here is the
-- one the reply was sent under.
CREATE OR REPLACE FUNCTION baton_stop_reply_clock() RETURNS trigger AS $$
BEGIN
  UPDATE conversations SET assignee_replied_at = greatest(NEW.created_at, assigned_at)
   WHERE id = NEW.conversation_id AND workspace_id = NEW.workspace_id
     AND assignee_id = NEW.author_user_id AND assignee_replied_at IS NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER messages_stop_reply_clock
  AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.direction = 'outgoing' AND NEW.author_user_id IS NOT NULL AND NOT NEW.automated)
  EXECUTE FUNCTION baton_stop_reply_clock();
