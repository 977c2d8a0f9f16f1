import { poolKeyForTarget } from '../assignment/decide-assignment';
import type { StepNode, WorkflowDefinition } from '../schema/workflow-definition';
import type { PoolKey } from './snapshot';

export interface StepRequirements {
  pools: PoolKey[];
}

export function stepRequirements(step: StepNode): StepRequirements {
  if (step.type !== 'assign') return { pools: [] };
  const key = poolKeyForTarget(step.config.target);
  return { pools: key ? [key] : [] };
}

// Lets an adapter preload everything once per run instead of per step.
export function definitionRequirements(definition: WorkflowDefinition): StepRequirements {
  const pools = new Set<PoolKey>();
  for (const step of definition.steps) for (const key of stepRequirements(step).pools) pools.add(key);
  return { pools: [...pools] };
}

/**
 * Pools of the assign steps a run can reach from `startStepId` before it next waits: what
 * an adapter must lock to advance the run now. Narrower than definitionRequirements — a
 * run being routed does not hold the cursor of the pool it may hand over to an hour later.
 */
export function requirementsUntilWait(definition: WorkflowDefinition, startStepId: string | null): StepRequirements {
  const pools = new Set<PoolKey>();
  const seen = new Set<string>();
  const queue = startStepId ? [startStepId] : [];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = definition.steps.find((s) => s.id === id);
    if (!step) continue;
    for (const key of stepRequirements(step).pools) pools.add(key);
    if (step.type === 'wait') continue;
    if (step.type === 'jump') queue.push(step.config.targetStepId);
    for (const e of definition.edges) if (e.source === id) queue.push(e.target);
  }
  return { pools: [...pools] };
}
