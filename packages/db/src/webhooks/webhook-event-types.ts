/**
 * The events a workspace can subscribe to. An open list: a new event (SLA breached, queue
 * overflow, …) is one entry here plus whatever writes it into webhook_deliveries — the
 * database triggers in migration 0013 for the existing ones, or `recordWebhookEvent` for
 * events raised by application code. Stored as text (not a Postgres enum), so adding one
 * needs no enum migration.
 */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.opened',
  'conversation.assigned',
  'conversation.reassigned',
  'conversation.closed',
  'message.created',
  'run.completed',
  'run.failed',
  'sla.warning',
  'sla.breached',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'conversation.opened': 'Conversation opened',
  'conversation.assigned': 'Conversation assigned',
  'conversation.reassigned': 'Conversation reassigned',
  'conversation.closed': 'Conversation closed',
  'message.created': 'Message created (incoming, agent reply or automated)',
  'run.completed': 'Workflow run completed',
  'run.failed': 'Workflow run failed',
  'sla.warning': 'SLA warning (a target is about to be missed)',
  'sla.breached': 'SLA breached (a target was missed)',
};

export function isWebhookEventType(v: unknown): v is WebhookEventType {
  return typeof v === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(v);
}
