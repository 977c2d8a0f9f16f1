import { NextResponse } from 'next/server';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  findChannelSecret,
  inboundMessageSchema,
  receiveInboundMessage,
  tenant,
  verifySignature,
  type Tenant,
} from '@baton/db';
import { getDb } from '@/server/db';
import { apiRoute } from '@/server/api/api-route';
import { apiError, errorResponse } from '@/server/api/api-error';
import { pathId } from '@/server/api/path-id';
import { readJson } from '@/server/api/read-json';
import { dispatchEvents } from '@/server/api/queue';

async function receive(t: Tenant, channelId: string, body: unknown) {
  const input = inboundMessageSchema.parse(body);
  const result = await receiveInboundMessage(t, channelId, input);
  await dispatchEvents(t.workspaceId, result.outboxEventIds);
  const { outboxEventIds: _ignored, ...rest } = result;
  void _ignored;
  // A replayed external id is acknowledged (200) so the sender stops retrying.
  return NextResponse.json(rest, { status: result.duplicate ? 200 : 201 });
}

const withApiKey = apiRoute<{ id: string }>(async ({ req, tenant: t, params }) =>
  receive(t, pathId(params.id, 'Channel'), await readJson(req)),
);

/**
 * An inbound customer message. Either a workspace API key (Bearer) or, for external
 * systems, an HMAC-SHA256 signature of the raw body with the channel's secret.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  if (req.headers.get('authorization') || !req.headers.get(SIGNATURE_HEADER)) return withApiKey(req, ctx);
  try {
    const { id } = await ctx.params;
    const channel = await findChannelSecret(getDb(), id);
    if (!channel) return apiError(404, 'not_found', 'Channel not found');
    const rawBody = await req.text();
    const check = verifySignature({
      secret: channel.secret,
      rawBody,
      timestamp: req.headers.get(TIMESTAMP_HEADER),
      signature: req.headers.get(SIGNATURE_HEADER),
    });
    if (!check.ok) return apiError(401, 'invalid_signature', check.reason);
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return apiError(400, 'invalid_request', 'The request body is not valid JSON', [{ field: '(body)', message: 'not valid JSON' }]);
    }
    return await receive(tenant(getDb(), channel.workspaceId), id, body);
  } catch (error) {
    return errorResponse(error);
  }
}
