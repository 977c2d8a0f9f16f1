import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { contacts, conversations, notifications, users } from '../schema';
import type { Tenant } from '../tenancy/tenant';

const actor = alias(users, 'actor');

export type NotificationKind = 'assigned' | 'unassigned' | 'mentioned' | 'queue_waiting';

export type NotificationItem = {
  id: string;
  kind: NotificationKind;
  conversationId: string;
  contactName: string | null;
  /** null: a workflow or the system did it. */
  actorName: string | null;
  text: string | null;
  createdAt: Date;
  readAt: Date | null;
};

export type NotificationList = { unread: number; items: NotificationItem[] };

export const NOTIFICATION_PAGE_SIZE = 30;

/** The member's own latest notifications and how many are unread, in this workspace only. */
export async function listNotifications(t: Tenant, userId: string, limit = NOTIFICATION_PAGE_SIZE): Promise<NotificationList> {
  const mine = and(eq(notifications.workspaceId, t.workspaceId), eq(notifications.userId, userId));
  const [rows, [unread]] = await Promise.all([
    t.db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        conversationId: notifications.conversationId,
        contactName: contacts.name,
        actorName: actor.name,
        text: notifications.text,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .innerJoin(conversations, and(eq(conversations.id, notifications.conversationId), eq(conversations.workspaceId, t.workspaceId)))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .leftJoin(actor, eq(actor.id, notifications.actorUserId))
      .where(mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(Math.min(Math.max(1, Math.trunc(limit)), 100)),
    t.db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
  ]);
  return { unread: unread?.n ?? 0, items: rows.map((r) => ({ ...r, kind: r.kind as NotificationKind })) };
}
