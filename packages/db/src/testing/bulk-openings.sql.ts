import { sql } from 'drizzle-orm';
import type { Database } from '../client';

/**
 * Recorded traffic for a simulation that takes a while (worker int tests): `count` closed
 * conversations opened 5 s apart from two days ago, each closed 20 minutes later, with a
 * contact each — one statement instead of the inbound path per message.
 */
export async function insertBulkOpenings(db: Database, workspaceId: string, channelId: string, count: number): Promise<void> {
  await db.execute(sql`
    with ct as (
      insert into contacts (workspace_id, channel_id, external_id, name)
      select ${workspaceId}, ${channelId}, 'bulk-' || g, 'Bulk ' || g from generate_series(1, ${count}::int) g
      returning id, external_id)
    insert into conversations (workspace_id, channel_id, contact_id, status, opened_by, opened_at, closed_at)
    select ${workspaceId}, ${channelId}, ct.id, 'closed', 'contact',
           now() - interval '2 days' + (substr(ct.external_id, 6)::int * interval '5 seconds'),
           now() - interval '2 days' + (substr(ct.external_id, 6)::int * interval '5 seconds') + interval '20 minutes'
      from ct`);
}
