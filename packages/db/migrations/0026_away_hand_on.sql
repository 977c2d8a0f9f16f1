CREATE TYPE "public"."away_hand_on" AS ENUM('leave', 'return_to_team', 'round_robin', 'least_open');--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "away_hand_on" "away_hand_on";--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "away_hand_on" "away_hand_on" DEFAULT 'leave' NOT NULL;