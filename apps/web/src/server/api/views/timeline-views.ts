import type { ConversationDetail } from '@baton/db';

// Rows as the API shows them: without workspace ids, effect keys or delivery bookkeeping.
type Row<K extends 'messages' | 'comments' | 'events'> = ConversationDetail[K][number];

export const messageView = (m: Row<'messages'>) => ({
  id: m.id,
  conversationId: m.conversationId,
  channelId: m.channelId,
  direction: m.direction,
  authorUserId: m.authorUserId,
  text: m.text,
  automated: m.automated,
  workflowRunId: m.workflowRunId,
  via: m.via,
  apiKeyId: m.apiKeyId,
  externalId: m.externalId,
  deliveryStatus: m.deliveryStatus,
  deliveryError: m.deliveryError,
  deliveredAt: m.deliveredAt,
  createdAt: m.createdAt,
});

export const commentView = (c: Row<'comments'>) => ({
  id: c.id,
  conversationId: c.conversationId,
  authorUserId: c.authorUserId,
  workflowRunId: c.workflowRunId,
  body: c.body,
  mentionUserIds: c.mentionUserIds,
  createdAt: c.createdAt,
});

export const eventView = (e: Row<'events'>) => ({
  id: e.id,
  conversationId: e.conversationId,
  type: e.type,
  actorType: e.actorType,
  actorUserId: e.actorUserId,
  workflowRunId: e.workflowRunId,
  fromUserId: e.fromUserId,
  toUserId: e.toUserId,
  teamId: e.teamId,
  reason: e.reason,
  data: e.data,
  createdAt: e.createdAt,
});
