-- Payload columns get no planner statistics. Nothing filters or joins on them (they are read
-- with their row), but ANALYZE computed a histogram and most-common values for each of them
-- over a 30,000-row sample, sorting jsonb and text: ~3/4 of its time on run_steps (228 → 52 ms
-- at 22,500 rows, bench/notes.md session 14). Autovacuum runs ANALYZE on the hot tables every
-- time a tenth of them has changed, which at 500 conversations/s is every minute while they are
-- young, and the pass took a core for ~1.5 s: routing p99 went from ~70 ms to ~700 ms for that
-- time. Kept: keys, statuses, times, the searched text (messages.text, contact names, emails)
-- and contacts.tags (containment estimates). A catalog change only: no rewrite, no lock beyond
-- a brief SHARE UPDATE EXCLUSIVE.
ALTER TABLE "run_steps" ALTER COLUMN "output" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "run_steps" ALTER COLUMN "decision" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "run_steps" ALTER COLUMN "effects" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "run_steps" ALTER COLUMN "error" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "workflow_runs" ALTER COLUMN "state" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "workflow_runs" ALTER COLUMN "error" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "conversation_events" ALTER COLUMN "reason" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "conversation_events" ALTER COLUMN "data" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "delivery_error" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "text" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "outbox_events" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "fields" SET STATISTICS 0;
