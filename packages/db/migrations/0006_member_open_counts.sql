CREATE TABLE "member_open_counts" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"open_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "member_open_counts_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "member_open_counts" ADD CONSTRAINT "member_open_counts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;