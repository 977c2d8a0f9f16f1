import type { Edge } from '@baton/engine';
import type { EditorDefinition, EditorStep } from './editor-definition';
import { edgeId, newNodeId } from './definition-edits';

export interface Fragment {
  steps: EditorStep[];
  edges: Edge[];
}

/** The selected steps and the edges between them (the trigger is never copied: one per workflow). */
export function copyFragment(def: EditorDefinition, ids: readonly string[]): Fragment | null {
  const set = new Set(ids);
  const steps = def.steps.filter((s) => set.has(s.id));
  if (steps.length === 0) return null;
  const copied = new Set(steps.map((s) => s.id));
  const edges = def.edges.filter((e) => copied.has(e.source) && copied.has(e.target));
  return structuredClone({ steps, edges });
}

/**
 * Pastes with fresh ids, shifted by `offset`; edges and jump targets inside the fragment
 * follow the new ids. A jump whose target wasn't copied keeps pointing at the original.
 */
export function pasteFragment(
  def: EditorDefinition,
  fragment: Fragment,
  offset: { x: number; y: number },
  random?: () => number,
): { def: EditorDefinition; ids: string[] } {
  const idMap = new Map<string, string>();
  let working = def;
  for (const s of fragment.steps) {
    const id = newNodeId(working, s.type, random);
    idMap.set(s.id, id);
    // Reserve the id so the next one can't collide with it.
    working = { ...working, steps: [...working.steps, { ...s, id }] };
  }
  const steps: EditorStep[] = fragment.steps.map((s) => {
    const config = structuredClone(s.config);
    if (s.type === 'jump' && typeof config.targetStepId === 'string' && idMap.has(config.targetStepId)) {
      config.targetStepId = idMap.get(config.targetStepId);
    }
    const p = s.position ?? { x: 0, y: 0 };
    return { ...s, id: idMap.get(s.id)!, position: { x: p.x + offset.x, y: p.y + offset.y }, config };
  });
  const edges: Edge[] = fragment.edges.map((e) => {
    const source = idMap.get(e.source)!;
    const target = idMap.get(e.target)!;
    return { id: edgeId(source, e.sourceHandle, target), source, sourceHandle: e.sourceHandle, target };
  });
  return {
    def: { ...def, steps: [...def.steps, ...steps], edges: [...def.edges, ...edges] },
    ids: steps.map((s) => s.id),
  };
}
