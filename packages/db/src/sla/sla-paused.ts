import { sql } from 'drizzle-orm';
import { conversations, slaClocks } from '../schema';

/**
 * Whether a conversation (the `conversations` row of the query) has an SLA clock paused while
 * it waits on the customer (policy option, resolution clock): neither stopped nor cancelled,
 * with paused_at set. Its due time is unknown until the customer writes, so the conversation's
 * sla_due_at does not show it; the inbox says "paused" instead. A probe of the running clocks'
 * partial index (sla_clocks_running_idx), per conversation of a page.
 */
// Qualified by the table's name: drizzle writes a column bare in a one-table select, where
// `id` would be read as the clock's own.
export const slaPausedSql = sql<boolean>`exists (select 1 from ${slaClocks} k
  where k.conversation_id = ${conversations}.id and k.workspace_id = ${conversations}.workspace_id
    and k.stopped_at is null and not k.cancelled and k.paused_at is not null)`;
