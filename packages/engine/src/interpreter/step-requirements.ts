import type { StepNode, WorkflowDefinition } from '../schema/workflow-definition';
import { looseDefinition } from '../steps/step-registry';
import type { PoolKey } from './snapshot';

export interface StepRequirements {
  pools: PoolKey[];
}

export function stepRequirements(step: StepNode): StepRequirements {
  return { pools: looseDefinition(step.type).pools?.(step.config) ?? [] };
}

// Lets an adapter preload everything once per run instead of per step.
export function definitionRequirements(definition: WorkflowDefinition): StepRequirements {
  const pools = new Set<PoolKey>();
  for (const step of definition.steps) for (const key of stepRequirements(step).pools) pools.add(key);
  return { pools: [...pools] };
}

/**
 * Pools of the steps a run can reach from `startStepId` before it next pauses: what an
 * adapter must lock to advance the run now. Narrower than definitionRequirements — a run
 * being routed does not hold the cursor of the pool it may hand over to an hour later.
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
    const def = looseDefinition(step.type);
    for (const key of def.pools?.(step.config) ?? []) pools.add(key);
    if (def.pausesRun) continue;
    queue.push(...(def.jumpsTo?.(step.config) ?? []));
    for (const e of definition.edges) if (e.source === id) queue.push(e.target);
  }
  return { pools: [...pools] };
}
