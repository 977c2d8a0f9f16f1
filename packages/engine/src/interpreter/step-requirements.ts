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
