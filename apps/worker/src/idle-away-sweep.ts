import { markIdleMembersAway, type Database } from '@baton/db';
import type { RunsHandOff } from './after-commit';

/** Minutes of inactivity after which an "online" member becomes "away"; 0 turns it off. */
export function readIdleAwayMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.AUTO_AWAY_AFTER_MINUTES ?? 10);
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 0;
}

export async function sweepIdleMembers(db: Database, afterCommit: RunsHandOff, idleMs: number): Promise<number> {
  if (idleMs <= 0) return 0;
  const changed = await markIdleMembersAway(db, idleMs);
  // The members' receipts: the inboxes hear who went away and which conversations were
  // handed on (work follows availability). Hints: a failure does not fail the sweep.
  if (changed.length) await afterCommit.receipts(changed.map((m) => m.afterCommit)).catch(() => {});
  return changed.length;
}
