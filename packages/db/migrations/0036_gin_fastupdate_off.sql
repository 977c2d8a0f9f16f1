-- Trigram indexes on the inbound path without a pending list (schema/conversations.ts): the
-- insert that found the list over gin_pending_list_limit merged all of it inside its own
-- transaction, stalling the inbound batch. ALTER rather than a rebuild; the entries already
-- pending are merged once, here.
ALTER INDEX "contacts_name_trgm_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "contacts_email_trgm_idx" SET (fastupdate = false);--> statement-breakpoint
ALTER INDEX "messages_text_trgm_idx" SET (fastupdate = false);--> statement-breakpoint
SELECT gin_clean_pending_list(i::regclass) FROM unnest(array['contacts_name_trgm_idx', 'contacts_email_trgm_idx', 'messages_text_trgm_idx']) AS i;
