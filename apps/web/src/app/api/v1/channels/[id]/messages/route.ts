import { NextResponse } from 'next/server';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, receiveSignedMessage, DomainError, type InboundResult } from '@baton/db';
import { getDb } from '@/server/db';
import { apiError, errorResponse, replyResponse } from '@/server/api/api-error';
import { dispatchEvents } from '@/server/api/queue';
import { clientIp, isReplayedSignature, limitOrNull } from '@/server/rate-limit';
import { announceConversations } from '@/server/realtime/realtime-publisher';
import { ingestInboundMessage } from '@/server/ingest/ingest-inbound-message';

async function respond(workspaceId: string, result: InboundResult) {
  await dispatchEvents(workspaceId, result.outboxEventIds);
  if (!result.duplicate) {
    await announceConversations(workspaceId, [result.conversationId], result.openedConversation ? 'opened' : 'message');
  }
  const { outboxEventIds: _ignored, ...rest } = result;
  void _ignored;
  // A replayed external id is acknowledged (200) so the sender stops retrying.
  return NextResponse.json(rest, { status: result.duplicate ? 200 : 201 });
}

// In production server.ts answers these requests before Next sees them, with the same function.
async function withApiKey(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return replyResponse(await ingestInboundMessage({ authorization: req.headers.get('authorization'), channelId: id, body: await req.text() }));
}

/**
 * An inbound customer message. Either a workspace API key (Bearer) or, for external
 * systems, an HMAC-SHA256 signature of the raw body with the channel's secret.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  if (req.headers.get('authorization') || !req.headers.get(SIGNATURE_HEADER)) return withApiKey(req, ctx);
  // No API key to count against: signed requests are limited per client IP, before any work.
  const limited = await limitOrNull('inbound', clientIp(req));
  if (limited) return limited;
  try {
    const { id } = await ctx.params;
    const rawBody = await req.text();
    const signature = req.headers.get(SIGNATURE_HEADER) ?? '';
    if (!hasExternalId(rawBody) && (await isReplayedSignature(id, signature))) {
      return apiError(409, 'replayed', 'This signed request was already received; send an externalId to make retries idempotent');
    }
    const { workspaceId, ...result } = await receiveSignedMessage(getDb(), id, {
      rawBody,
      timestamp: req.headers.get(TIMESTAMP_HEADER),
      signature,
    });
    return await respond(workspaceId, result);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'unauthorized') return apiError(401, 'invalid_signature', error.message);
    return errorResponse(error);
  }
}

function hasExternalId(rawBody: string): boolean {
  try {
    const body = JSON.parse(rawBody) as { externalId?: unknown };
    return typeof body?.externalId === 'string' && body.externalId.trim().length > 0;
  } catch {
    return false;
  }
}
