import { getConversation, listSlaClocksOf } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { getConversationEndpoint } from '@/server/api/endpoints/conversation-endpoints';
import { commentView, eventView, messageView } from '@/server/api/views/timeline-views';

// `?before=<olderBefore of the previous answer>&limit=`: the latest page of the timeline
// first (100 per list by default), then older pages until `olderBefore` is null.
export const GET = apiEndpoint(getConversationEndpoint, async ({ tenant, id, query }) => {
  const c = await getConversation(tenant, id, { before: query.before ? new Date(query.before) : undefined, limit: query.limit });
  const sla = (await listSlaClocksOf(tenant, [c.id])).get(c.id) ?? [];
  return {
    id: c.id,
    status: c.status,
    priority: c.priority,
    channelId: c.channelId,
    contact: c.contact,
    assigneeId: c.assigneeId,
    assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName } : null,
    assignedAt: c.assignedAt,
    assigneeRepliedAt: c.assigneeRepliedAt,
    teamId: c.teamId,
    team: c.teamId ? { id: c.teamId, name: c.teamName } : null,
    openedBy: c.openedBy,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    lastIncomingAt: c.lastIncomingAt,
    lastOutgoingAt: c.lastOutgoingAt,
    firstResponseAt: c.firstResponseAt,
    firstResponseMs: c.firstResponseMs,
    sla,
    messages: c.messages.map(messageView),
    comments: c.comments.map(commentView),
    events: c.events.map(eventView),
    olderBefore: c.olderBefore,
  };
});
