import { describe, expect, it } from 'vitest';
import { stepOutputs, stepRegistry, stepTypes, type StepNode } from '@baton/engine';
import { outputHandles } from './step-outputs';

// The canvas draws the handles the engine follows: a step type whose handles the canvas got
// wrong (the HTTP request step showed one "Next" where the engine has success and failed)
// could only be wired to an output the engine never takes.
describe('outputHandles', () => {
  it('shows, for every step type with its default config, exactly the outputs the engine follows', () => {
    for (const type of stepTypes) {
      const config = stepRegistry[type].defaultConfig() as Record<string, unknown>;
      const node = { id: 's1', type, config };
      expect(outputHandles(node).map((h) => h.id), type).toEqual(stepOutputs(node as unknown as StepNode));
    }
  });

  it('keeps a half-typed step drawable: an unparsable config still gets the type’s handles', () => {
    expect(outputHandles({ id: 's1', type: 'http_request', config: { url: 42 } }).map((h) => h.id)).toEqual(['success', 'failed']);
  });
});
