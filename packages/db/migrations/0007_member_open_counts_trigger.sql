-- Keep member_open_counts equal to the open conversations per assignee, whichever code path
-- changes a conversation (workflow batch, inbox action, API, close, reopen, delete).
CREATE OR REPLACE FUNCTION baton_track_open_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.status = OLD.status
     AND NEW.assignee_id IS NOT DISTINCT FROM OLD.assignee_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'open' AND OLD.assignee_id IS NOT NULL THEN
    UPDATE member_open_counts SET open_count = open_count - 1
     WHERE workspace_id = OLD.workspace_id AND user_id = OLD.assignee_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'open' AND NEW.assignee_id IS NOT NULL THEN
    INSERT INTO member_open_counts AS m (workspace_id, user_id, open_count)
    VALUES (NEW.workspace_id, NEW.assignee_id, 1)
    ON CONFLICT (workspace_id, user_id) DO UPDATE SET open_count = m.open_count + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER conversations_track_open_counts
  AFTER INSERT OR DELETE OR UPDATE OF status, assignee_id ON conversations
  FOR EACH ROW EXECUTE FUNCTION baton_track_open_counts();
--> statement-breakpoint
INSERT INTO member_open_counts (workspace_id, user_id, open_count)
SELECT workspace_id, assignee_id, count(*)::int FROM conversations
 WHERE status = 'open' AND assignee_id IS NOT NULL
 GROUP BY workspace_id, assignee_id
ON CONFLICT (workspace_id, user_id) DO UPDATE SET open_count = excluded.open_count;
