import { markIdleMembersAway, type Database } from '@baton/db';
import type { RealtimePublisher } from '@baton/queue';

/** Minutes of inactivity after which an "online" member becomes "away"; 0 turns it off. */
export function readIdleAwayMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.AUTO_AWAY_AFTER_MINUTES ?? 10);
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 0;
}

export async function sweepIdleMembers(db: Database, publisher: RealtimePublisher, idleMs: number): Promise<number> {
  if (idleMs <= 0) return 0;
  const changed = await markIdleMembersAway(db, idleMs);
  await Promise.all(
    changed.map(async (m) => {
      await publisher.publish(m.workspaceId, [{ type: 'member.availability', userId: m.userId }]);
      // Conversations handed on by the sweep (work follows availability): inboxes refresh.
      if (m.handedOn.length) await publisher.conversationChanged(m.workspaceId, m.handedOn.map((h) => h.conversationId), 'assignment');
    }),
  );
  return changed.length;
}
