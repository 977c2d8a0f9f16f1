import type { CandidateVerdict } from './eligibility';
import { rotationOrder } from './round-robin';

export interface LeastOpenTieBreak {
  openCounts: Record<string, number>;
  minOpen: number | null;
  tiedUserIds: string[];
  // Rotation order (after the cursor) used to choose among the tied candidates.
  order: string[];
}

export function pickLeastOpen(
  verdicts: readonly CandidateVerdict[],
  cursorUserId: string | null,
): { winner: CandidateVerdict | null; tieBreak: LeastOpenTieBreak } {
  const eligible = verdicts.filter((v) => v.eligible);
  const openCounts = Object.fromEntries(eligible.map((v) => [v.userId, v.openCount]));
  if (eligible.length === 0) {
    return { winner: null, tieBreak: { openCounts, minOpen: null, tiedUserIds: [], order: [] } };
  }
  const minOpen = Math.min(...eligible.map((v) => v.openCount));
  // Ties go to round-robin order so equal-load agents take turns instead of the first
  // listed agent winning every tie.
  const order = rotationOrder(verdicts, cursorUserId).filter((v) => v.eligible && v.openCount === minOpen);
  const tiedUserIds = eligible.filter((v) => v.openCount === minOpen).map((v) => v.userId);
  return {
    winner: order[0] ?? null,
    tieBreak: { openCounts, minOpen, tiedUserIds, order: order.map((v) => v.userId) },
  };
}
