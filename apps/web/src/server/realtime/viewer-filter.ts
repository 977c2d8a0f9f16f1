import 'server-only';
import { canViewConversation, seesAllConversations, type InboxViewer, type Tenant } from '@baton/db';
import type { RealtimeEvent } from '@baton/queue';

/**
 * Whether this viewer may hear about the event. Events carry ids only, but an agent still
 * must not learn when conversations outside their teams change.
 */
export async function viewerMayHear(t: Tenant, viewer: InboxViewer, event: RealtimeEvent): Promise<boolean> {
  if (event.type !== 'conversation.changed') return true;
  if (seesAllConversations(viewer)) return true;
  return canViewConversation(t, viewer, event.conversationId).catch(() => false);
}
