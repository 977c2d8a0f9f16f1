import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import type { WebhookEventType } from './webhook-event-types';

/**
 * For events raised by application code rather than by a table the triggers watch (future
 * SLA or queue events): call inside the transaction that makes the event, so it is recorded
 * exactly when that commits. Same payload shape and same once-per-subscription guarantee
 * (unique subscription + event id) as the trigger-made ones.
 */
export async function recordWebhookEvent(
  tx: Tx,
  event: { workspaceId: string; eventId: string; type: WebhookEventType; data: Record<string, unknown> },
): Promise<void> {
  await tx.execute(sql`
    insert into webhook_deliveries (workspace_id, subscription_id, event_id, event_type, payload)
    select s.workspace_id, s.id, ${event.eventId}::uuid, ${event.type},
           jsonb_build_object('id', ${event.eventId}::uuid, 'type', ${event.type}::text, 'workspaceId', s.workspace_id,
                              'occurredAt', now(), 'data', ${JSON.stringify(event.data)}::jsonb)
      from webhook_subscriptions s
     where s.workspace_id = ${event.workspaceId} and s.active and ${event.type} = any (s.events)
    on conflict do nothing`);
}
