import type { CandidateVerdict, ExclusionReason } from './eligibility';

function reasonText(v: CandidateVerdict, maxOpen: number | null): string {
  const reason = v.excludedReason as ExclusionReason;
  switch (reason) {
    case 'not_in_pool':
      return `${v.name} not in pool`;
    case 'offline':
      return `${v.name} offline`;
    case 'away':
      return `${v.name} away`;
    case 'at_capacity':
      // The member's own capacity first: it is what stopped them when both apply.
      if (v.capacity !== undefined && v.openCount >= v.capacity) return `${v.name} at capacity ${v.openCount}/${v.capacity}`;
      return `${v.name} at capacity (${v.openCount} open ≥ ${maxOpen ?? '?'})`;
    case 'already_tried':
      return `${v.name} already tried`;
    case 'current_assignee':
      return `${v.name} already assigned`;
    case 'missing_skill':
      return `${v.name} lacks ${(v.missingSkills ?? []).map((s) => `“${s}”`).join(', ')}`;
  }
}

export function describeExclusions(verdicts: readonly CandidateVerdict[], maxOpen: number | null): string {
  let out = '';
  for (const v of verdicts) if (!v.eligible) out = out ? `${out}, ${reasonText(v, maxOpen)}` : reasonText(v, maxOpen);
  return out;
}

export function explainNoOne(poolLabel: string, verdicts: readonly CandidateVerdict[], maxOpen: number | null): string {
  if (verdicts.length === 0) return `No one available in ${poolLabel}: nobody is in it.`;
  return `No one available in ${poolLabel}: ${describeExclusions(verdicts, maxOpen)}.`;
}

export function withExclusions(sentence: string, verdicts: readonly CandidateVerdict[], maxOpen: number | null): string {
  const excluded = describeExclusions(verdicts, maxOpen);
  return excluded ? `${sentence} (${excluded}).` : `${sentence}.`;
}
