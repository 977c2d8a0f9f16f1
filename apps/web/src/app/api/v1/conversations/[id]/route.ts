import { getConversation } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';

export const GET = apiRoute<{ id: string }>(async ({ tenant, params }) => {
  const c = await getConversation(tenant, pathId(params.id, 'Conversation'));
  return {
    id: c.id,
    status: c.status,
    channelId: c.channelId,
    contact: c.contact,
    assigneeId: c.assigneeId,
    assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName } : null,
    teamId: c.teamId,
    team: c.teamId ? { id: c.teamId, name: c.teamName } : null,
    openedBy: c.openedBy,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    lastIncomingAt: c.lastIncomingAt,
    lastOutgoingAt: c.lastOutgoingAt,
    firstResponseAt: c.firstResponseAt,
    firstResponseMs: c.firstResponseMs,
    messages: c.messages,
    comments: c.comments,
    events: c.events,
  };
});
