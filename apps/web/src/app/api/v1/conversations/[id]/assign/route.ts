import { AtCapacityError } from '@baton/db';
import { apiEndpoint, withStatus } from '@/server/api/api-endpoint';
import { errorBody } from '@/server/api/api-error-body';
import { assignConversationEndpoint } from '@/server/api/endpoints/conversation-endpoints';
import { assignConversation } from '@/server/after-commit/mutations';

export const POST = apiEndpoint(assignConversationEndpoint, async ({ tenant, id, body }) => {
  let result: { changed: boolean; teamId: string | null };
  try {
    result = await assignConversation(tenant, id, {
      assigneeId: body.assigneeId,
      teamId: body.teamId,
      actorUserId: null,
      reason: 'Assigned through the API',
      refuseAtCapacity: !body.force,
    }).handedOver();
  } catch (error) {
    // Like the inbox's "Bob is at capacity 8/8 — assign anyway?": the caller decides, with force.
    if (error instanceof AtCapacityError) return withStatus(409, errorBody('at_capacity', error.message, error.details));
    throw error;
  }
  return { assigneeId: body.assigneeId, teamId: result.teamId, changed: result.changed };
});
