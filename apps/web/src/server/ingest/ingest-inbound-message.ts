import { inboundMessageSchema, tenant } from '@baton/db';
import { getDb } from '@/server/db';
import { idempotent } from '@/server/api/idempotency';
import { errorToReply, type ApiReply } from '@/server/api/api-error-body';
import { authenticateApiRequest } from '@/server/api/authenticate-api-request';
import { pathId } from '@/server/api/path-id';
import { parseJsonBody } from '@/server/api/read-json';
import { receiveThroughGroupCommit } from '@/server/api/inbound-group-commit';
import { conformReply } from '@/server/api/contract/conform-reply';
import { receiveMessageEndpoint } from '@/server/api/endpoints/conversation-endpoints';

export type InboundRequest = {
  authorization: string | null | undefined;
  channelId: string | undefined;
  /** Reads the body within the limit (throws PayloadTooLargeError past it); called only once the key is accepted. */
  readBody: () => Promise<string>;
  clientIp: () => string;
  /** The `Idempotency-Key` header, if sent. */
  idempotencyKey?: string | null;
  /** Path and query of the request: part of what an idempotency key is bound to. */
  path?: string;
};

/**
 * `POST /api/v1/channels/:id/messages` with an API key, as plain data in and out: served by
 * the Next route and, in production, by the node:http fast path in front of Next (server.ts),
 * which answers the same bytes without Next's per-request cost. The key is checked before a
 * byte of the body is read: an unauthenticated upload costs one header.
 */
export async function ingestInboundMessage(request: InboundRequest): Promise<ApiReply> {
  try {
    return conformReply(receiveMessageEndpoint, await ingest(request));
  } catch (error) {
    return errorToReply(error);
  }
}

async function ingest(request: InboundRequest): Promise<ApiReply> {
  try {
    const authenticated = await authenticateApiRequest(request.authorization, request.clientIp, receiveMessageEndpoint.scope);
    if ('reply' in authenticated) return authenticated.reply;
    const { workspaceId, apiKeyId } = authenticated.caller;
    const channelId = pathId(request.channelId, 'Channel');
    const text = await request.readBody();
    const store = async (): Promise<ApiReply> => {
      try {
        const input = inboundMessageSchema.parse(parseJsonBody(text));
        const { outboxEventIds: _handed, ...result } = await receiveThroughGroupCommit({ workspaceId, channelId, input });
        void _handed; // dispatched and announced by the group commit, once per batch
        // A replayed external id is acknowledged (200) so the sender stops retrying.
        return conformReply(receiveMessageEndpoint, { status: result.duplicate ? 200 : 201, body: result });
      } catch (error) {
        return errorToReply(error);
      }
    };
    if (request.idempotencyKey == null) return await store();
    const scoped = tenant(getDb(), workspaceId);
    return await idempotent({ tenant: scoped, apiKeyId, key: request.idempotencyKey, method: 'POST', path: request.path ?? `/api/v1/channels/${channelId}/messages`, body: text }, store);
  } catch (error) {
    return errorToReply(error);
  }
}
