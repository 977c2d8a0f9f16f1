import { sql } from 'drizzle-orm';
import type { Database } from '../client';

/** A delivery that has spent its retries: a log entry no worker will touch (tests name it by id). */
export async function createFailedWebhookDelivery(db: Database, workspaceId: string, subscriptionId: string): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(sql`
    insert into webhook_deliveries (workspace_id, subscription_id, event_id, event_type, payload, status, attempts, last_error)
    values (${workspaceId}, ${subscriptionId}, gen_random_uuid(), 'conversation.opened', '{}'::jsonb, 'failed', 10, 'HTTP 500')
    returning id`);
  return rows[0]!.id;
}
