import type { Snapshot } from '@baton/engine';
import type { ConversationRow } from '../../conversations/lock-conversation';

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** A locked conversation row as the engine sees it. */
export function conversationSnapshot(c: ConversationRow): Snapshot['conversation'] {
  return {
    id: c.id,
    status: c.status,
    priority: c.priority,
    assigneeId: c.assigneeId,
    teamId: c.teamId,
    channelId: c.channelId,
    openedAt: c.openedAt.getTime(),
    lastIncomingAt: ms(c.lastIncomingAt),
    lastOutgoingAt: ms(c.lastOutgoingAt),
    lastAgentReplyAt: ms(c.lastAgentReplyAt),
    assignedAt: ms(c.assignedAt),
    assigneeRepliedAt: ms(c.assigneeRepliedAt),
    openedBy: c.openedBy,
  };
}
