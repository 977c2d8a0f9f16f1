-- The conversation event log is append-only and published workflow versions are immutable:
-- enforce it in the database so no code path (or hand-written SQL) can rewrite history.
CREATE OR REPLACE FUNCTION baton_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER conversation_events_append_only
  BEFORE UPDATE ON conversation_events
  FOR EACH ROW EXECUTE FUNCTION baton_reject_change();
--> statement-breakpoint
CREATE TRIGGER workflow_versions_immutable
  BEFORE UPDATE ON workflow_versions
  FOR EACH ROW EXECUTE FUNCTION baton_reject_change();
