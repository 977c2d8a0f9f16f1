import { inboundMessageSchema } from '@baton/db';
import { errorToReply, type ApiReply } from '@/server/api/api-error-body';
import { authenticateApiRequest } from '@/server/api/authenticate-api-request';
import { pathId } from '@/server/api/path-id';
import { parseJsonBody } from '@/server/api/read-json';
import { receiveThroughGroupCommit } from '@/server/api/inbound-group-commit';

export type InboundRequest = { authorization: string | null | undefined; channelId: string | undefined; body: string };

/**
 * `POST /api/v1/channels/:id/messages` with an API key, as plain data in and out: served by
 * the Next route and, in production, by the node:http fast path in front of Next (server.ts),
 * which answers the same bytes without Next's per-request cost.
 */
export async function ingestInboundMessage(request: InboundRequest): Promise<ApiReply> {
  try {
    const authenticated = await authenticateApiRequest(request.authorization);
    if ('reply' in authenticated) return authenticated.reply;
    const channelId = pathId(request.channelId, 'Channel');
    const input = inboundMessageSchema.parse(parseJsonBody(request.body));
    const { outboxEventIds: _handed, ...result } = await receiveThroughGroupCommit({ workspaceId: authenticated.caller.workspaceId, channelId, input });
    void _handed; // dispatched and announced by the group commit, once per batch
    // A replayed external id is acknowledged (200) so the sender stops retrying.
    return { status: result.duplicate ? 200 : 201, body: result };
  } catch (error) {
    return errorToReply(error);
  }
}
