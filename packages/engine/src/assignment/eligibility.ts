import type { Candidate } from '../interpreter/snapshot';

export type ExclusionReason =
  | 'not_in_pool'
  | 'offline'
  | 'away'
  | 'at_capacity'
  | 'already_tried'
  | 'current_assignee'
  | 'missing_skill';

export interface EligibilityRules {
  onlyOnline: boolean;
  maxOpen: number | null;
  excludeTried: boolean;
  triedUserIds: readonly string[];
  currentAssigneeId: string | null;
}

export interface CandidateVerdict {
  userId: string;
  name: string;
  availability: Candidate['availability'];
  openCount: number;
  /** The member's own capacity, when they have one (shown as "Bob at capacity 8/8"). */
  capacity?: number;
  eligible: boolean;
  excludedReason?: ExclusionReason;
  /** Skills routing: the required skills this candidate lacks (skill-filter.ts). */
  missingSkills?: string[];
}

// Order matters: the first failing rule is the one reported, and the most structural reason
// (not in the pool) beats transient ones so the run log points at the real cause.
export function exclusionReason(c: Candidate, rules: EligibilityRules): ExclusionReason | null {
  if (!c.inPool) return 'not_in_pool';
  if (rules.onlyOnline && c.availability !== 'online') return c.availability;
  // The member's capacity holds for every step; a step's maxOpen is a further cap on top.
  if (c.capacity != null && c.openCount >= c.capacity) return 'at_capacity';
  if (rules.maxOpen !== null && c.openCount >= rules.maxOpen) return 'at_capacity';
  if (rules.excludeTried && rules.triedUserIds.includes(c.userId)) return 'already_tried';
  if (rules.currentAssigneeId !== null && c.userId === rules.currentAssigneeId) return 'current_assignee';
  return null;
}

// One literal per shape rather than spreads: this runs for every candidate of every
// assignment (a simulation makes hundreds of thousands of them).
export function judgeCandidates(candidates: readonly Candidate[], rules: EligibilityRules): CandidateVerdict[] {
  const out: CandidateVerdict[] = new Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const reason = exclusionReason(c, rules);
    const verdict: CandidateVerdict =
      c.capacity != null
        ? { userId: c.userId, name: c.name, availability: c.availability, openCount: c.openCount, capacity: c.capacity, eligible: reason === null }
        : { userId: c.userId, name: c.name, availability: c.availability, openCount: c.openCount, eligible: reason === null };
    if (reason !== null) verdict.excludedReason = reason;
    out[i] = verdict;
  }
  return out;
}
