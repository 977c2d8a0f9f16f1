CREATE TYPE "public"."message_via" AS ENUM('inbox', 'api');--> statement-breakpoint
-- Keys made before scopes existed keep working: they get every scope there is (issue #22).
-- New keys always name their scopes (createApiKey), so the default goes once the rows are filled.
ALTER TABLE "api_keys" ADD COLUMN "scopes" text[] NOT NULL DEFAULT ARRAY['conversations:read','conversations:write','workflows:read','workflows:manage','team:read','team:manage']::text[];--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "scopes" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "via" "message_via";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Every member's outgoing message so far was written in the inbox (the API had no author of its own).
UPDATE "messages" SET "via" = 'inbox' WHERE "direction" = 'outgoing' AND NOT "automated" AND "author_user_id" IS NOT NULL;
