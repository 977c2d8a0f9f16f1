import { describe, expect, it } from 'vitest';
import { copyFragment, pasteFragment } from './clipboard';
import type { EditorDefinition } from './editor-definition';

const def: EditorDefinition = {
  schemaVersion: 1,
  trigger: { id: 't', type: 'trigger', position: { x: 0, y: 0 }, config: { event: 'manual', conditions: [] } },
  steps: [
    { id: 'w', type: 'wait', position: { x: 0, y: 100 }, config: { duration: { amount: 1, unit: 'minutes' } } },
    { id: 'j', type: 'jump', position: { x: 0, y: 200 }, config: { targetStepId: 'w', maxJumps: 2 } },
  ],
  edges: [
    { id: 't-w', source: 't', sourceHandle: 'next', target: 'w' },
    { id: 'w-j', source: 'w', sourceHandle: 'next', target: 'j' },
  ],
};

describe('copy/paste', () => {
  it('pastes selected steps with new ids, internal edges and remapped jump targets', () => {
    const frag = copyFragment(def, ['t', 'w', 'j'])!;
    expect(frag.steps.map((s) => s.id)).toEqual(['w', 'j']);
    expect(frag.edges.map((e) => e.id)).toEqual(['w-j']);
    const { def: out, ids } = pasteFragment(def, frag, { x: 40, y: 40 });
    expect(out.steps).toHaveLength(4);
    expect(new Set(out.steps.map((s) => s.id)).size).toBe(4);
    const [w2, j2] = ids.map((id) => out.steps.find((s) => s.id === id)!);
    expect(w2!.position).toEqual({ x: 40, y: 140 });
    expect(j2!.config.targetStepId).toBe(w2!.id);
    expect(out.edges.at(-1)).toMatchObject({ source: w2!.id, target: j2!.id, sourceHandle: 'next' });
    // The original is untouched.
    expect(def.steps[1]!.config.targetStepId).toBe('w');
  });

  it('copies nothing when only the trigger is selected', () => {
    expect(copyFragment(def, ['t'])).toBeNull();
  });
});
