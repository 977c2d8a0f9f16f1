import { SIGNATURE_HEADER, TIMESTAMP_HEADER, DomainError, isUuid, type InboundResult } from '@baton/db';
import { getDb } from '@/server/db';
import { apiError, errorResponse, replyResponse } from '@/server/api/api-error';
import { receiveSignedMessage } from '@/server/after-commit/mutations';
import { conformReply } from '@/server/api/contract/conform-reply';
import { receiveMessageEndpoint } from '@/server/api/endpoints/conversation-endpoints';
import { declaredTooLarge, maxBodyBytes, payloadTooLargeReply } from '@/server/body/body-limit';
import { readRequestText } from '@/server/body/read-request-body';
import { claimSignature, clientIp, limitOrNull } from '@/server/rate-limit';
import { ingestInboundMessage } from '@/server/ingest/ingest-inbound-message';

// The inboxes hear of a stored message through its receipt (handed over before this).
function respond(result: InboundResult & { workspaceId?: string }) {
  const { outboxEventIds: _ignored, workspaceId: _workspace, ...rest } = result;
  void [_ignored, _workspace];
  // A replayed external id is acknowledged (200) so the sender stops retrying.
  return replyResponse(conformReply(receiveMessageEndpoint, { status: result.duplicate ? 200 : 201, body: rest }));
}

class ReplayedError extends Error {}

// In production server.ts answers these requests before Next sees them, with the same function.
async function withApiKey(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return replyResponse(
    await ingestInboundMessage({
      authorization: req.headers.get('authorization'),
      channelId: id,
      readBody: () => readRequestText(req),
      clientIp: () => clientIp(req),
      idempotencyKey: req.headers.get('idempotency-key'),
      path: new URL(req.url).pathname + new URL(req.url).search,
    }),
  );
}

/**
 * An inbound customer message. Either a workspace API key (Bearer) or, for external
 * systems, an HMAC-SHA256 signature of the raw body with the channel's secret.
 * Signed path, cheapest refusal first: declared size → per-IP limit → channel id format →
 * channel exists → body read within the limit → signature → JSON → replay key → store.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const limit = maxBodyBytes();
  if (declaredTooLarge(req.headers.get('content-length'), limit)) return replyResponse(payloadTooLargeReply(limit));
  if (req.headers.get('authorization') || !req.headers.get(SIGNATURE_HEADER)) return withApiKey(req, ctx);
  // No API key to count against: signed requests are limited per client IP, before any work.
  const limited = await limitOrNull('inbound', clientIp(req));
  if (limited) return limited;
  try {
    const { id } = await ctx.params;
    if (!isUuid(id)) return apiError(404, 'not_found', 'Channel not found');
    const signature = req.headers.get(SIGNATURE_HEADER) ?? '';
    const result = await receiveSignedMessage(getDb(), id, {
      rawBody: () => readRequestText(req, { limit }),
      timestamp: req.headers.get(TIMESTAMP_HEADER),
      signature,
      beforeStore: async (message) => {
        if (message.externalId) return undefined; // Postgres deduplicates it: a retry gets 200
        const claim = await claimSignature(id, signature);
        if (claim.replayed) throw new ReplayedError();
        return claim.release;
      },
    }).handedOver();
    return respond(result);
  } catch (error) {
    if (error instanceof ReplayedError) {
      return apiError(409, 'replayed', 'This signed request was already received; send an externalId to make retries idempotent');
    }
    if (error instanceof DomainError && error.code === 'unauthorized') return apiError(401, 'invalid_signature', error.message);
    return errorResponse(error);
  }
}
