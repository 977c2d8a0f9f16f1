import { stepRegistry, type Edge, type Position, type StepType } from '@baton/engine';
import type { EditorDefinition, EditorNode, EditorStep } from './editor-definition';
import { outputHandles } from './step-outputs';

// Pure edits of the editor's definition. Each returns a new definition and leaves untouched
// steps as the same objects, which the canvas relies on to skip re-rendering them.

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function randomSuffix(length = 6, random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}

export function newNodeId(def: EditorDefinition, type: string, random?: () => number): string {
  const taken = new Set([def.trigger.id, ...def.steps.map((s) => s.id)]);
  for (;;) {
    const id = `${type}-${randomSuffix(6, random)}`;
    if (!taken.has(id)) return id;
  }
}

export function edgeId(source: string, sourceHandle: string, target: string): string {
  return `${source}--${sourceHandle.replace(/[^A-Za-z0-9_-]/g, '_')}--${target}`;
}

export function addStep(
  def: EditorDefinition,
  type: StepType,
  position: Position,
  random?: () => number,
): { def: EditorDefinition; id: string } {
  const id = newNodeId(def, type, random);
  const config = stepRegistry[type].defaultConfig() as unknown as Record<string, unknown>;
  const step: EditorStep = { id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, config };
  return { def: { ...def, steps: [...def.steps, step] }, id };
}

/** Replaces one node; edges leaving outputs the node no longer has (a removed branch) go too. */
export function updateNode(def: EditorDefinition, id: string, update: (node: EditorNode) => EditorNode): EditorDefinition {
  let changed: EditorNode | null = null;
  let trigger = def.trigger;
  let steps = def.steps;
  if (id === def.trigger.id) {
    trigger = update(def.trigger) as EditorDefinition['trigger'];
    changed = trigger;
  } else {
    steps = def.steps.map((s) => {
      if (s.id !== id) return s;
      changed = update(s) as EditorStep;
      return changed;
    });
  }
  if (!changed) return def;
  const handles = new Set(outputHandles(changed).map((h) => h.id));
  const edges = def.edges.filter((e) => e.source !== id || handles.has(e.sourceHandle));
  return { ...def, trigger, steps, edges: edges.length === def.edges.length ? def.edges : edges };
}

export function removeElements(def: EditorDefinition, nodeIds: readonly string[], edgeIds: readonly string[]): EditorDefinition {
  const nodes = new Set(nodeIds.filter((id) => id !== def.trigger.id));
  const edgeSet = new Set(edgeIds);
  if (nodes.size === 0 && edgeSet.size === 0) return def;
  return {
    ...def,
    steps: def.steps.filter((s) => !nodes.has(s.id)),
    edges: def.edges.filter((e) => !edgeSet.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

export interface ConnectionInput {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

export function canConnect(def: EditorDefinition, c: ConnectionInput): boolean {
  if (!c.sourceHandle || c.source === c.target || c.target === def.trigger.id) return false;
  const ids = new Set([def.trigger.id, ...def.steps.map((s) => s.id)]);
  return ids.has(c.source) && ids.has(c.target);
}

/** One edge per output: connecting an output that already leads somewhere re-points it. */
export function connect(def: EditorDefinition, c: ConnectionInput): EditorDefinition {
  if (!canConnect(def, c)) return def;
  const sourceHandle = c.sourceHandle as string;
  const edge: Edge = { id: edgeId(c.source, sourceHandle, c.target), source: c.source, sourceHandle, target: c.target };
  const rest = def.edges.filter((e) => !(e.source === c.source && e.sourceHandle === sourceHandle));
  return { ...def, edges: [...rest, edge] };
}

export function setPositions(def: EditorDefinition, positions: ReadonlyMap<string, Position>): EditorDefinition {
  const place = <T extends EditorNode>(n: T): T => {
    const p = positions.get(n.id);
    return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
  };
  return { ...def, trigger: place(def.trigger), steps: def.steps.map(place) };
}
