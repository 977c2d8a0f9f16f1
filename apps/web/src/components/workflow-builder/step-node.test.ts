import { describe, expect, it } from 'vitest';
import { stepTypes } from '@baton/engine';
import { nodeTypes, StepNode } from './step-node';

describe('canvas node types', () => {
  it('draw every step type of the registry (and the trigger) with the step node', () => {
    for (const type of ['trigger', ...stepTypes]) expect(nodeTypes[type as keyof typeof nodeTypes], type).toBe(StepNode);
    expect(Object.keys(nodeTypes).sort()).toEqual(['trigger', ...stepTypes].sort());
  });
});
