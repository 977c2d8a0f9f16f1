import type { CandidateVerdict } from './eligibility';

// Candidates in the order round robin would consider them: starting right after the cursor
// and wrapping. An unknown cursor (user left the pool) restarts at the top rather than failing.
export function rotationOrder<T extends { userId: string }>(candidates: readonly T[], cursorUserId: string | null): T[] {
  const cursorIndex = cursorUserId === null ? -1 : candidates.findIndex((c) => c.userId === cursorUserId);
  const start = cursorIndex + 1;
  return candidates.map((_, i) => candidates[(start + i) % candidates.length] as T);
}

export function pickRoundRobin(
  verdicts: readonly CandidateVerdict[],
  cursorUserId: string | null,
): CandidateVerdict | null {
  return rotationOrder(verdicts, cursorUserId).find((v) => v.eligible) ?? null;
}
