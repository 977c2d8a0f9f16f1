import { replySchema, sendReply } from '@baton/db';
import { apiRoute, created } from '@/server/api/api-route';
import { pathId } from '@/server/api/path-id';
import { readJson } from '@/server/api/read-json';
import { dispatchDelivery } from '@/server/api/queue';
import { announceConversations } from '@/server/realtime/realtime-publisher';

export const POST = apiRoute<{ id: string }>(async ({ req, tenant, params }) => {
  const conversationId = pathId(params.id, 'Conversation');
  const body = replySchema.parse(await readJson(req));
  const result = await sendReply(tenant, conversationId, body);
  if (result.needsDelivery) await dispatchDelivery(tenant.workspaceId, result.messageId);
  await announceConversations(tenant.workspaceId, [conversationId], 'message');
  return created(result);
});
