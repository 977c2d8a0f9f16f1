-- Log every availability change from memberships, whichever code path made it.
CREATE OR REPLACE FUNCTION baton_log_availability() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.availability IS DISTINCT FROM OLD.availability THEN
    INSERT INTO availability_changes (workspace_id, user_id, availability, changed_at)
    VALUES (NEW.workspace_id, NEW.user_id, NEW.availability, now());
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER memberships_log_availability
  AFTER INSERT OR UPDATE OF availability ON memberships
  FOR EACH ROW EXECUTE FUNCTION baton_log_availability();
--> statement-breakpoint
INSERT INTO availability_changes (workspace_id, user_id, availability, changed_at)
SELECT workspace_id, user_id, availability, availability_changed_at FROM memberships;
