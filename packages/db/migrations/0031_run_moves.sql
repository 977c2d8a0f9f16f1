CREATE TABLE "run_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"workflow_id" uuid NOT NULL,
	"from_version_id" uuid NOT NULL,
	"to_version_id" uuid NOT NULL,
	"moves" jsonb NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text NOT NULL,
	"cursor" uuid,
	"moved" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "run_moves" ADD CONSTRAINT "run_moves_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_moves" ADD CONSTRAINT "run_moves_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_moves" ADD CONSTRAINT "run_moves_from_version_id_workflow_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."workflow_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_moves" ADD CONSTRAINT "run_moves_to_version_id_workflow_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."workflow_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_moves" ADD CONSTRAINT "run_moves_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_moves_pending_idx" ON "run_moves" USING btree ("created_at") WHERE finished_at is null;--> statement-breakpoint
CREATE INDEX "workflow_runs_version_in_flight_idx" ON "workflow_runs" USING btree ("workflow_version_id","current_step_id","id") WHERE status in ('waiting', 'running');