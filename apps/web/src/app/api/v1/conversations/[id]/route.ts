import { z } from 'zod';
import { MAX_TIMELINE_PAGE_SIZE, getConversation } from '@baton/db';
import { apiRoute } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';

// `?before=<olderBefore of the previous answer>&limit=`: the latest page of the timeline
// first (100 per list by default), then older pages until `olderBefore` is null.
const pageQuery = z.object({
  before: z.iso.datetime({ offset: true, error: 'before must be an ISO 8601 date-time (the olderBefore of the previous page)' }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TIMELINE_PAGE_SIZE).optional(),
});

export const GET = apiRoute<{ id: string }>(async ({ req, tenant, params }) => {
  const id = pathId(params.id, 'Conversation');
  const query = pageQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const c = await getConversation(tenant, id, { before: query.before ? new Date(query.before) : undefined, limit: query.limit });
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
    olderBefore: c.olderBefore,
  };
});
