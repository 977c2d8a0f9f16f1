import { pgEnum } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['owner', 'admin', 'lead', 'agent']);
export const availabilityEnum = pgEnum('availability', ['online', 'away', 'offline']);
export const conversationStatusEnum = pgEnum('conversation_status', ['open', 'closed']);
export const openedByEnum = pgEnum('opened_by', ['contact', 'user', 'workflow', 'api']);
export const messageDirectionEnum = pgEnum('message_direction', ['incoming', 'outgoing']);
export const deliveryStatusEnum = pgEnum('delivery_status', ['pending', 'delivered', 'failed']);
export const conversationEventTypeEnum = pgEnum('conversation_event_type', [
  'opened',
  'reopened',
  'assigned',
  'unassigned',
  'reassigned',
  'closed',
  // Put in a team's (or the workspace's) queue by an assign step: waits unassigned.
  'queued',
  // An SLA clock reached its warning share / its target (data: kind, clockId, policyId, dueAt).
  'sla.warning',
  'sla.breached',
]);
export const actorTypeEnum = pgEnum('actor_type', ['user', 'workflow', 'api', 'contact', 'system']);
export const workflowStatusEnum = pgEnum('workflow_status', ['draft', 'published', 'stopped']);
export const runStatusEnum = pgEnum('run_status', [
  'running',
  'waiting',
  'completed',
  'failed',
  'cancelled',
]);
export const outboxEventTypeEnum = pgEnum('outbox_event_type', [
  'conversation.opened',
  'conversation.closed',
  'message.received',
  'manual',
  'contact.tag_added',
  'contact.field_changed',
  'sla.warning',
  'sla.breached',
]);
export const conversationPriorityEnum = pgEnum('conversation_priority', ['low', 'normal', 'high', 'urgent']);
export const contactFieldTypeEnum = pgEnum('contact_field_type', ['text', 'number', 'select', 'date']);
// How a member's outgoing message was sent: by them in the inbox, or by an integration with an
// API key on their behalf. Null on incoming and automated (workflow) messages.
export const messageViaEnum = pgEnum('message_via', ['inbox', 'api']);

/**
 * Work follows availability (issue #16 item 2): what happens to an agent's open conversations
 * that they have not replied to when they go away or offline. `leave`: nothing (the default,
 * as before); `return_to_team`: unassigned, team kept (the team's Unassigned view);
 * `round_robin` / `least_open`: reassigned to an online teammate below capacity by that rule.
 */
export const awayHandOnEnum = pgEnum('away_hand_on', ['leave', 'return_to_team', 'round_robin', 'least_open']);
