import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { users, createdAt, childWorkspaceIdColumn as childWorkspaceId } from './identity';
import { conversations } from './conversations';

/**
 * A member's notification (issue #16): assigned to you, taken from you, mentioned. Written by
 * triggers on conversation_events and comments (migration 0018) in the transaction of the
 * event itself, whichever path made it (workflow batch, inbox, API); `source_key` (the event
 * or comment id and the kind) makes that write idempotent. Per workspace, per user: readers
 * always filter on both.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: childWorkspaceId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'assigned' | 'unassigned' (taken from you) | 'mentioned'. */
    kind: text('kind').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Who did it; null for a workflow or the system. */
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The event's reason or the comment's text, cut to 280 characters. */
    text: text('text'),
    sourceKey: text('source_key').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_source_unique').on(t.userId, t.sourceKey),
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.createdAt.desc()),
    index('notifications_unread_idx').on(t.workspaceId, t.userId).where(sql`read_at is null`),
  ],
);
