import { sql } from 'drizzle-orm';
import { pgTable, pgEnum, uuid, text, timestamp, jsonb, integer, real, boolean, index, uniqueIndex, bigint } from 'drizzle-orm/pg-core';
import type { ScheduleRef, SlaConditions } from '@baton/engine';
import { teams, users, createdAt, workspaceIdColumn as workspaceId } from './identity';
import { conversations } from './conversations';

export const slaKindEnum = pgEnum('sla_kind', ['first_response', 'next_response', 'resolution']);

// Ordered per workspace: the first policy (lowest position) whose conditions match applies.
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    conditions: jsonb('conditions').$type<SlaConditions>().notNull(),
    firstResponseSeconds: integer('first_response_seconds'),
    nextResponseSeconds: integer('next_response_seconds'),
    resolutionSeconds: integer('resolution_seconds'),
    // null: calendar time; else the schedule whose open time the clocks count.
    businessHours: jsonb('business_hours').$type<ScheduleRef>(),
    warningPercent: real('warning_percent').notNull(),
    // The resolution clock does not count while the last message is the agent's.
    pauseWhileWaitingOnCustomer: boolean('pause_while_waiting_on_customer').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sla_policies_workspace_idx').on(t.workspaceId, t.position)],
);

// One row per clock instance (a first response of one opening, each next-response cycle, a
// resolution): running while stopped_at is null. Kept after they stop: attainment reads them.
// seq names the timer generation: a retimed clock's old timers find another seq and do nothing.
export const slaClocks = pgTable(
  'sla_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    kind: slaKindEnum('kind').notNull(),
    // Who and which team it was for when it last changed (attainment per team and agent).
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    targetMs: bigint('target_ms', { mode: 'number' }).notNull(),
    // null: the schedule never opens within a year (the clock cannot breach).
    dueAt: timestamp('due_at', { withTimezone: true }),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    // Paused since then (waiting on the customer, policy option): running, due_at/warn_at null.
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    // Stopped because no policy covers it any more: neither met nor missed.
    cancelled: boolean('cancelled').notNull().default(false),
    seq: integer('seq').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sla_clocks_instance_unique').on(t.conversationId, t.kind, t.startedAt),
    index('sla_clocks_running_idx').on(t.conversationId).where(sql`stopped_at is null`),
    // The reconciler: running clocks whose next timer is overdue.
    index('sla_clocks_due_idx').on(t.dueAt).where(sql`stopped_at is null and breached_at is null`),
    index('sla_clocks_warn_idx').on(t.warnAt).where(sql`stopped_at is null and warned_at is null`),
    index('sla_clocks_workspace_started_idx').on(t.workspaceId, t.startedAt),
  ],
);

// Conversations whose clocks must be re-planned: written by triggers on conversations and
// contacts in the transaction that changed them (whichever path), drained by the worker.
export const slaSyncQueue = pgTable(
  'sla_sync_queue',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    workspaceId: workspaceId(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sla_sync_queue_queued_idx').on(t.queuedAt)],
);

// "Re-plan every open conversation of this workspace" (a policy or schedule changed): the
// worker walks them in id order, `after_id` being how far it got, 500 per transaction.
export const slaRecomputeRequests = pgTable('sla_recompute_requests', {
  workspaceId: workspaceId().primaryKey(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  afterId: uuid('after_id'),
});
