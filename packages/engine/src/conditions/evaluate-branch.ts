import type { Snapshot } from '../interpreter/snapshot';
import type { BranchConfig } from '../steps/branch-step';
import { BRANCH_ELSE, branchHandle } from '../steps/branch-handles';
import { evaluateCondition, type ConditionResult } from './evaluate-condition';

export interface BranchDecision {
  kind: 'branch';
  branches: Array<{ branchId: string; name: string | null; match: 'all' | 'any'; matched: boolean; conditions: ConditionResult[] }>;
  takenBranchId: string | null;
  handle: string;
  explanation: string;
}

export function evaluateBranches(config: BranchConfig, snapshot: Snapshot, vars: Readonly<Record<string, string>> = {}): BranchDecision {
  // Every branch is evaluated (not just up to the winner) so the run log can show why the
  // later ones would or wouldn't have matched too.
  const branches = config.branches.map((b) => {
    const conditions = b.conditions.map((c) => evaluateCondition(c, snapshot, vars));
    const matched = b.match === 'all' ? conditions.every((r) => r.result) : conditions.some((r) => r.result);
    return { branchId: b.id, name: b.name ?? null, match: b.match, matched, conditions };
  });
  const taken = branches.find((b) => b.matched) ?? null;
  const explanation = taken
    ? `Took branch “${taken.name ?? taken.branchId}”: ${taken.match === 'all' ? 'all of its conditions' : 'at least one of its conditions'} held.`
    : 'No branch matched; took Else.';
  return {
    kind: 'branch',
    branches,
    takenBranchId: taken?.branchId ?? null,
    handle: taken ? branchHandle(taken.branchId) : BRANCH_ELSE,
    explanation,
  };
}
