-- canned_replies existed since 0017 without anything writing it; rows a deployment may have
-- made by hand are named after their shortcut.
ALTER TABLE "canned_replies" ADD COLUMN "name" text;--> statement-breakpoint
UPDATE "canned_replies" SET "name" = "shortcut" WHERE "name" IS NULL;--> statement-breakpoint
ALTER TABLE "canned_replies" ALTER COLUMN "name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "canned_replies" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;
