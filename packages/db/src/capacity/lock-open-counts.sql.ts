import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { memberOpenCounts } from '../schema';

/**
 * Locks members' open-count rows (creating missing ones at 0) in (workspace, user) order and
 * returns their counts as of the lock: one statement, like the round-robin cursors. Every
 * assigner that may give one of them a conversation past a capacity takes these locks first,
 * so two of them never both see "7 of 8" and both assign.
 */
export async function lockOpenCounts(
  tx: Tx,
  members: readonly { workspaceId: string; userId: string }[],
): Promise<{ workspaceId: string; userId: string; openCount: number }[]> {
  if (members.length === 0) return [];
  const sorted = [
    ...new Map(members.map((m) => [`${m.workspaceId}:${m.userId}`, m])).values(),
  ].sort((a, b) =>
    a.workspaceId === b.workspaceId
      ? a.userId.localeCompare(b.userId)
      : a.workspaceId.localeCompare(b.workspaceId),
  );
  return tx
    .insert(memberOpenCounts)
    .values(sorted.map((m) => ({ workspaceId: m.workspaceId, userId: m.userId, openCount: 0 })))
    .onConflictDoUpdate({
      target: [memberOpenCounts.workspaceId, memberOpenCounts.userId],
      // A no-op write: it is the row lock we want (ON CONFLICT DO NOTHING takes none).
      set: { openCount: sql`${memberOpenCounts.openCount}` },
    })
    .returning({
      workspaceId: memberOpenCounts.workspaceId,
      userId: memberOpenCounts.userId,
      openCount: memberOpenCounts.openCount,
    });
}
