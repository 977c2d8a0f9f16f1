-- Back to GIN pending lists (0036 had turned them off): updating a trigram index directly cost
-- ~3-4x more per inserted row (measured), on every message. Instead the worker's sweep merges
-- the lists every few seconds (system/clean-gin-pending-lists.sql.ts), so no insert crosses
-- gin_pending_list_limit and merges one inside its own transaction. ALTER, not a rebuild.
ALTER INDEX "contacts_name_trgm_idx" RESET (fastupdate);--> statement-breakpoint
ALTER INDEX "contacts_email_trgm_idx" RESET (fastupdate);--> statement-breakpoint
ALTER INDEX "messages_text_trgm_idx" RESET (fastupdate);
