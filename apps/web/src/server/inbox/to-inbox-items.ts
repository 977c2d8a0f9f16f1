import 'server-only';
import type { InboxCounts, InboxPage } from '@baton/db';
import type { InboxCountsView, InboxListItem, InboxPageData } from '@/components/inbox/inbox-types';

export function toInboxItems(page: InboxPage): InboxListItem[] {
  return page.items.map((i) => ({
    id: i.id,
    status: i.status,
    contactName: i.contactName ?? i.contactExternalId,
    channelName: i.channelName,
    assigneeId: i.assigneeId,
    assigneeName: i.assigneeName,
    teamName: i.teamName,
    preview: i.preview,
    lastActivityAt: i.lastActivityAt.toISOString(),
    awaitingReply: Boolean(i.lastIncomingAt && (!i.lastOutgoingAt || i.lastOutgoingAt < i.lastIncomingAt)),
    unread: i.unread,
    slaDueAt: i.status === 'open' ? (i.slaDueAt?.toISOString() ?? null) : null,
    slaPaused: i.status === 'open' && i.slaPaused,
    queue: i.queue ? { name: i.queue.name, position: i.queue.position, queuedAt: i.queue.queuedAt.toISOString() } : null,
  }));
}

export function toInboxPageData(page: InboxPage, counts: InboxCounts): InboxPageData {
  return { items: toInboxItems(page), nextCursor: page.nextCursor, counts: counts as InboxCountsView };
}
