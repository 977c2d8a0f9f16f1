-- The workspace keys of rows that belong to a parent in the same workspace, and messages' channel
-- key (always the conversation's channel): each inserted row locked the workspace (channel) row
-- FOR KEY SHARE, the hottest rows of a tenant, and under load those checks stalled the batch
-- statements while they held conversation locks. Each row still goes with its parent (its
-- conversation or run, cascade): schema/identity.ts, childWorkspaceIdColumn.
ALTER TABLE "comments" DROP CONSTRAINT "comments_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "conversation_events" DROP CONSTRAINT "conversation_events_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_channel_id_channels_id_fk";
--> statement-breakpoint
ALTER TABLE "outbox_events" DROP CONSTRAINT "outbox_events_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "run_steps" DROP CONSTRAINT "run_steps_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_workspace_id_workspaces_id_fk";
