import type { Edge } from '@baton/engine';
import type { EditorDefinition, EditorNode } from './editor-definition';
import { NODE_HEIGHT, TARGET_HANDLE, type FlowEdge, type FlowNode } from './flow-types';

// Nodes saved without a position (API-made drafts) are stacked in a column below the trigger
// instead of piling up at the origin; auto-layout can tidy them afterwards.
function fallbackPosition(index: number): { x: number; y: number } {
  return { x: 0, y: (index + 1) * (NODE_HEIGHT + 80) };
}

export function nodeToFlow(node: EditorNode, index: number): FlowNode {
  return {
    id: node.id,
    type: node.type,
    position: node.position ?? fallbackPosition(index),
    data: { step: node },
    deletable: node.type !== 'trigger',
  };
}

export function edgeToFlow(edge: Edge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    targetHandle: TARGET_HANDLE,
  };
}

/** Pure mapping definition → React Flow; see flow-to-definition.ts for the way back. */
export function definitionToFlow(def: EditorDefinition): { nodes: FlowNode[]; edges: FlowEdge[] } {
  return {
    nodes: [def.trigger, ...def.steps].map((n, i) => nodeToFlow(n, i - 1)),
    edges: def.edges.map(edgeToFlow),
  };
}

// The previous array itself when every item was kept: setting it again is then no re-render
// and no store update (on open, the first pass would otherwise re-adopt every node).
function keepIfSame<T>(prev: readonly T[], next: T[]): T[] {
  return next.length === prev.length && next.every((x, i) => x === prev[i]) ? (prev as T[]) : next;
}

/**
 * Re-derives nodes after the definition changed while keeping the previous node object
 * wherever the step and position are unchanged: React Flow then skips those nodes, which
 * is what keeps a 100-step canvas smooth. Selection lives on the canvas, so it is carried over.
 * Nothing changed: the previous array itself.
 */
export function reconcileNodes(prev: readonly FlowNode[], def: EditorDefinition): FlowNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  const next = [def.trigger, ...def.steps].map((step, i) => {
    const old = byId.get(step.id);
    if (old && old.data.step === step) return old;
    const node = nodeToFlow(step, i - 1);
    if (old?.selected) node.selected = true;
    if (old?.measured) node.measured = old.measured;
    return node;
  });
  return keepIfSame(prev, next);
}

export function reconcileEdges(prev: readonly FlowEdge[], def: EditorDefinition): FlowEdge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  const next = def.edges.map((e) => {
    const old = byId.get(e.id);
    if (old && old.source === e.source && old.target === e.target && old.sourceHandle === e.sourceHandle) return old;
    return edgeToFlow(e);
  });
  return keepIfSame(prev, next);
}
