import { sql } from 'drizzle-orm';
import {
  pgTable,
  uuid,
  text,
  timestamp,
  uniqueIndex,
  index,
  jsonb,
  integer,
  primaryKey,
  boolean,
} from 'drizzle-orm/pg-core';
import {
  conversationStatusEnum,
  openedByEnum,
  messageDirectionEnum,
  deliveryStatusEnum,
  conversationEventTypeEnum,
  actorTypeEnum,
  outboxEventTypeEnum,
  conversationPriorityEnum,
  messageViaEnum,
  awayHandOnEnum,
} from './enums';
import { users, teams, apiKeys, createdAt, workspaceIdColumn as workspaceId, childWorkspaceIdColumn as childWorkspaceId } from './identity';


export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('custom'),
    // HMAC verification needs the secret itself, so it is encrypted (AES-256-GCM), not hashed.
    inboundSecretEncrypted: text('inbound_secret_encrypted').notNull(),
    // Signs outbound deliveries. Separate from the inbound secret so a delivery receiver (often
    // a third-party gateway) cannot forge inbound messages. Nullable only because channels made
    // before it existed get theirs from migrateDatabase (the key lives in the app, not in SQL).
    outboundSecretEncrypted: text('outbound_secret_encrypted'),
    outboundUrl: text('outbound_url'),
    createdAt: createdAt(),
  },
  (t) => [index('channels_workspace_idx').on(t.workspaceId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    name: text('name'),
    email: text('email'),
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contacts_channel_external_unique').on(t.workspaceId, t.channelId, t.externalId),
    index('contacts_workspace_name_idx').on(t.workspaceId, t.name),
    // GET /api/v1/contacts pages newest first on (created_at, id).
    index('contacts_workspace_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    // Inbox search is a substring match (ILIKE '%q%'): trigram indexes answer it without
    // reading every contact of the workspace (pg_trgm, created by the migration).
    index('contacts_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('contacts_email_trgm_idx').using('gin', t.email.op('gin_trgm_ops')),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    status: conversationStatusEnum('status').notNull().default('open'),
    priority: conversationPriorityEnum('priority').notNull().default('normal'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    openedBy: openedByEnum('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    lastIncomingAt: timestamp('last_incoming_at', { withTimezone: true }),
    // Any outgoing message, a workflow's automated ones included.
    lastOutgoingAt: timestamp('last_outgoing_at', { withTimezone: true }),
    // Outgoing messages a member wrote: what "agent replies only" conditions read (#18).
    lastAgentReplyAt: timestamp('last_agent_reply_at', { withTimezone: true }),
    // The current assignee's reply clock (issue #16), kept by triggers (migration 0014) so
    // every path that assigns or replies — workflow batch, inbox, API — keeps it: set when
    // the assignee changes, and the first outgoing message the assignee authors after that.
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    assigneeRepliedAt: timestamp('assignee_replied_at', { withTimezone: true }),
    // Per opening: reset when the conversation is reopened.
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    firstResponseMs: integer('first_response_ms'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    // The soonest due time of its running SLA clocks (a breached one's is in the past), kept by
    // the SLA sync: the inbox badge and its "due soonest" order read it without a join.
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    lastMessagePreview: text('last_message_preview'),
    createdAt: createdAt(),
  },
  (t) => [
    // Inbox views: Mine, team, unassigned, all; newest activity first.
    index('conversations_inbox_assignee_idx').on(
      t.workspaceId,
      t.assigneeId,
      t.status,
      t.lastActivityAt.desc(),
    ),
    index('conversations_inbox_team_idx').on(t.workspaceId, t.teamId, t.status, t.lastActivityAt.desc()),
    index('conversations_inbox_status_idx').on(t.workspaceId, t.status, t.lastActivityAt.desc()),
    index('conversations_inbox_sla_due_idx').on(t.workspaceId, t.status, t.slaDueAt, t.id),
    // At most one open conversation per contact and channel: inbound messages race on this.
    uniqueIndex('conversations_one_open_per_contact')
      .on(t.workspaceId, t.channelId, t.contactId)
      .where(sql`status = 'open'`),
    index('conversations_contact_idx').on(t.contactId),
    // GET /api/v1/conversations pages newest first on (created_at, id).
    index('conversations_workspace_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    // Openings in a period: a simulation pages through them on (opened_at, id) (without it each
    // page of 100k recorded openings sorted the whole workspace: 7 s of a 10 s budget), and
    // the metrics page reads a period of them.
    index('conversations_workspace_opened_idx').on(t.workspaceId, t.openedAt, t.id),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: childWorkspaceId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    // Always its conversation's channel, and removed with it (cascade): no key of its own to
    // the channel row, which every message of the channel would lock (childWorkspaceIdColumn).
    channelId: uuid('channel_id').notNull(),
    direction: messageDirectionEnum('direction').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    // Sent by a workflow's send-message step: no user author, never an agent reply (no first
    // response time, not "assignee replied"), shown as automated in the inbox.
    automated: boolean('automated').notNull().default(false),
    via: messageViaEnum('via'),
    // The key an integration replied with (via = 'api'); the author is the member it named.
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    workflowRunId: uuid('workflow_run_id'),
    text: text('text').notNull(),
    externalId: text('external_id'),
    deliveryStatus: deliveryStatusEnum('delivery_status'),
    deliveryAttempts: integer('delivery_attempts').notNull().default(0),
    deliveryError: text('delivery_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    effectKey: text('effect_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.createdAt),
    // Replayed inbound ids are ignored: the channel's external id is unique.
    uniqueIndex('messages_channel_external_unique')
      .on(t.workspaceId, t.channelId, t.externalId)
      .where(sql`external_id is not null`),
    // The delivery sweep looks for pending outgoing messages whose job was lost.
    index('messages_delivery_pending_idx').on(t.createdAt).where(sql`delivery_status = 'pending'`),
    // Inbox search over message text (ILIKE '%q%'): without it a search that matches
    // nothing reads every message of the workspace.
    // Inserts append to the index's pending list; the worker's sweep merges it every few
    // seconds so that no insert has to (system/clean-gin-pending-lists.sql.ts).
    index('messages_text_trgm_idx').using('gin', t.text.op('gin_trgm_ops')),
    // run id + step sequence + effect index: a workflow message is written once.
    uniqueIndex('messages_effect_key_unique').on(t.effectKey).where(sql`effect_key is not null`),
  ],
);

export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: childWorkspaceId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    workflowRunId: uuid('workflow_run_id'),
    body: text('body').notNull(),
    mentionUserIds: uuid('mention_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    // run id + step sequence: a workflow comment delivered twice is written once.
    effectKey: text('effect_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('comments_conversation_idx').on(t.conversationId, t.createdAt),
    index('comments_mentions_idx').using('gin', t.mentionUserIds),
    uniqueIndex('comments_effect_key_unique').on(t.effectKey).where(sql`effect_key is not null`),
  ],
);

// Append-only (a trigger in the migrations rejects UPDATE and DELETE).
export const conversationEvents = pgTable(
  'conversation_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: childWorkspaceId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    type: conversationEventTypeEnum('type').notNull(),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    workflowRunId: uuid('workflow_run_id'),
    fromUserId: uuid('from_user_id').references(() => users.id, { onDelete: 'set null' }),
    toUserId: uuid('to_user_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    effectKey: text('effect_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('conversation_events_conversation_idx').on(t.conversationId, t.createdAt),
    index('conversation_events_workspace_type_idx').on(t.workspaceId, t.type, t.createdAt),
    uniqueIndex('conversation_events_effect_key_unique')
      .on(t.effectKey)
      .where(sql`effect_key is not null`),
  ],
);

// Transactional outbox: written with the change it announces, dispatched to the queue after commit.
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: childWorkspaceId(),
    type: outboxEventTypeEnum('type').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    source: openedByEnum('source').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('outbox_events_pending_idx').on(t.createdAt).where(sql`processed_at is null`)],
);

// Per member: when they last opened a conversation. A conversation is unread for them when
// its last activity is newer. One row per (conversation, user); upserted on open.
export const conversationReads = pgTable(
  'conversation_reads',
  {
    workspaceId: workspaceId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conversation_reads_unique').on(t.conversationId, t.userId)],
);

// Open conversations per assignee, kept by a trigger on conversations (migration 0007) so an
// assignment reads one row per candidate instead of counting their open conversations — a
// count that grows with every agent's backlog and was read for every candidate of every batch.
export const memberOpenCounts = pgTable(
  'member_open_counts',
  {
    workspaceId: workspaceId(),
    userId: uuid('user_id').notNull(),
    openCount: integer('open_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

// Conversations returned to their team's queue when their assignee went away or offline
// without replying (issue #16 item 2, policy "return to the team" — or a reassignment that
// found nobody). The queue drain assigns them with the waiting runs of the same pool, in
// arrival order (`queuedAt`: see returnToQueue for why it is the customer's wait, not the
// return time). One row per conversation; a trigger (migration 0028) deletes it when the
// conversation is closed or assigned by any path.
export const conversationQueue = pgTable(
  'conversation_queue',
  {
    workspaceId: workspaceId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    // 'team:<id>' or 'workspace', as a queued run's state.queue.pool.
    pool: text('pool').notNull(),
    // How the drain picks the agent: round robin or fewest open, online only.
    rule: awayHandOnEnum('rule').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    // Why it is here ("Alice went offline without replying"), for the trace of the assignment.
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.conversationId] }),
    index('conversation_queue_pool_idx').on(t.workspaceId, t.pool, t.queuedAt, t.conversationId),
  ],
);
