import { AtCapacityError, assignConversation } from '@baton/db';
import { apiEndpoint, withStatus } from '@/server/api/api-endpoint';
import { errorBody } from '@/server/api/api-error-body';
import { assignConversationEndpoint } from '@/server/api/endpoints/conversation-endpoints';
import { announceConversations } from '@/server/realtime/realtime-publisher';

export const POST = apiEndpoint(assignConversationEndpoint, async ({ tenant, id, body }) => {
  let result: { changed: boolean; teamId: string | null };
  try {
    result = await assignConversation(tenant, id, {
      assigneeId: body.assigneeId,
      teamId: body.teamId,
      actorUserId: null,
      reason: 'Assigned through the API',
      refuseAtCapacity: !body.force,
    });
  } catch (error) {
    // Like the inbox's "Bob is at capacity 8/8 — assign anyway?": the caller decides, with force.
    if (error instanceof AtCapacityError) return withStatus(409, errorBody('at_capacity', error.message, error.details));
    throw error;
  }
  if (result.changed) await announceConversations(tenant.workspaceId, [id], 'assignment');
  return { assigneeId: body.assigneeId, teamId: result.teamId, changed: result.changed };
});
