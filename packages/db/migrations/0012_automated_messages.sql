ALTER TABLE "conversations" ADD COLUMN "last_agent_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "automated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "workflow_run_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "effect_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_effect_key_unique" ON "messages" USING btree ("effect_key") WHERE effect_key is not null;--> statement-breakpoint
-- Every outgoing message written before automated ones existed was an agent's reply.
UPDATE "conversations" SET "last_agent_reply_at" = "last_outgoing_at" WHERE "last_outgoing_at" IS NOT NULL;
