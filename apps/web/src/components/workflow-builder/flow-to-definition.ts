import type { Edge } from '@baton/engine';
import type { EditorDefinition, EditorStep, EditorTrigger } from './editor-definition';
import type { FlowEdge, FlowNode } from './flow-types';

/**
 * Pure mapping React Flow → definition. Positions come from the canvas (that is how a layout
 * persists); everything else comes from the step each node carries. Rounded so a saved
 * draft doesn't churn on sub-pixel drags.
 */
export function flowToDefinition(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): EditorDefinition {
  let trigger: EditorTrigger | null = null;
  const steps: EditorStep[] = [];
  for (const node of nodes) {
    const position = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
    const step = node.data.step;
    if (step.type === 'trigger') trigger = { ...step, position };
    else steps.push({ ...step, position });
  }
  if (!trigger) throw new Error('The canvas has no trigger node');
  const outEdges: Edge[] = edges.map((e) => ({
    id: e.id,
    source: e.source,
    sourceHandle: e.sourceHandle ?? 'next',
    target: e.target,
  }));
  return { schemaVersion: 1, trigger, steps, edges: outEdges };
}

/** Writes canvas positions of the given nodes back into the definition (after a drag). */
export function applyPositions(def: EditorDefinition, nodes: readonly FlowNode[]): EditorDefinition {
  const moved = new Map<string, { x: number; y: number }>();
  for (const n of nodes) moved.set(n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) });
  const place = <T extends { id: string; position?: { x: number; y: number } }>(s: T): T => {
    const p = moved.get(s.id);
    if (!p || (s.position && s.position.x === p.x && s.position.y === p.y)) return s;
    return { ...s, position: p };
  };
  const trigger = place(def.trigger);
  const steps = def.steps.map(place);
  if (trigger === def.trigger && steps.every((s, i) => s === def.steps[i])) return def;
  return { ...def, trigger, steps };
}
