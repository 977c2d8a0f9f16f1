import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, boolean, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users, createdAt, workspaceIdColumn as workspaceId } from './identity';

// A workspace's event webhook: where to POST which events, signed with its own secret
// (never a channel's), encrypted at rest like channel secrets and shown once.
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    // Event type names (webhooks/webhook-event-types.ts): text, so the list can grow without an enum migration.
    events: text('events').array().notNull(),
    secretEncrypted: text('secret_encrypted').notNull(),
    active: boolean('active').notNull().default(true),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_subscriptions_workspace_idx').on(t.workspaceId)],
);

// One row per (subscription, event): written by triggers in the transaction that made the
// event, so an event is recorded exactly when it commits and once per subscription (unique).
// The worker delivers due rows with retries and backoff; the row is the delivery log.
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // pending → delivered | failed (retries spent). "Resend" puts a row back to pending.
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    // A worker that took the row holds it until then; a crashed worker's rows come back after it.
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_subscription_event_unique').on(t.subscriptionId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_log_idx').on(t.workspaceId, t.subscriptionId, t.createdAt.desc()),
  ],
);

// Values an HTTP request step refers to by name ({{secret.NAME}}): encrypted at rest like
// channel secrets, never shown back, never in a definition, a run's state or its log.
export const workspaceSecrets = pgTable(
  'workspace_secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    valueEncrypted: text('value_encrypted').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workspace_secrets_name_unique').on(t.workspaceId, t.name)],
);
