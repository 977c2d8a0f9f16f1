import dagre from '@dagrejs/dagre';
import type { Position } from '@baton/engine';
import type { EditorDefinition } from './editor-definition';
import { NODE_HEIGHT, NODE_WIDTH } from './flow-types';

/**
 * Top-to-bottom layout with dagre. Sizes are the measured ones when the canvas has them,
 * so wide branch nodes get room for their handles. Returns top-left positions (React Flow's).
 */
export function autoLayout(
  def: EditorDefinition,
  sizes: ReadonlyMap<string, { width: number; height: number }> = new Map(),
): Map<string, Position> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 60, ranksep: 80, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const nodes = [def.trigger, ...def.steps];
  for (const n of nodes) {
    const size = sizes.get(n.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
    g.setNode(n.id, { width: size.width, height: size.height });
  }
  const ids = new Set(nodes.map((n) => n.id));
  for (const e of def.edges) if (ids.has(e.source) && ids.has(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, Position>();
  for (const n of nodes) {
    const laid = g.node(n.id);
    const size = sizes.get(n.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
    out.set(n.id, { x: Math.round(laid.x - size.width / 2), y: Math.round(laid.y - size.height / 2) });
  }
  return out;
}
