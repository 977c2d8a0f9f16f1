'use client';

import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, type Edge } from '@xyflow/react';
import type { Catalog, WorkflowDefinition } from '@baton/engine';
import { buildPathGraph, outputLabel, type PathStep } from './path-graph';
import { PathNodeView, type PathFlowNode } from './path-node';

const nodeTypes = { path: PathNodeView };

/**
 * The run's version drawn read-only, with the path it took highlighted. With `analytics`,
 * the same canvas shows how many runs reached each step and took each output.
 */
export function PathCanvas({
  definition,
  steps,
  currentStepId,
  analytics,
  catalog,
  height = 460,
}: {
  definition: WorkflowDefinition;
  steps: PathStep[];
  currentStepId?: string | null;
  analytics?: Record<string, { runsReached: number; outputs: Record<string, number> }>;
  catalog?: Catalog;
  height?: number;
}) {
  const { nodes, edges } = useMemo(() => {
    const g = buildPathGraph(definition, steps, { currentStepId, analytics, catalog });
    const flowNodes: PathFlowNode[] = g.nodes.map((n) => ({ ...n, type: 'path', draggable: false, selectable: false, connectable: false }));
    const flowEdges: Edge[] = g.edges.map((e) => {
      const lit = e.visited || (e.count ?? 0) > 0;
      const label = outputLabel(definition, e.source, e.sourceHandle);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: e.sourceHandle,
        targetHandle: 'in',
        animated: e.visited && !analytics,
        label: e.count !== undefined ? `${label} · ${e.count}` : label === 'next' ? undefined : label,
        labelStyle: { fontSize: 11 },
        style: { stroke: lit ? '#3b55d9' : '#cbd5e1', strokeWidth: lit ? 2.5 : 1.5 },
        markerEnd: { type: MarkerType.ArrowClosed, color: lit ? '#3b55d9' : '#cbd5e1' },
        data: { visited: e.visited },
      };
    });
    return { nodes: flowNodes, edges: flowEdges };
  }, [definition, steps, currentStepId, analytics, catalog]);

  return (
    <div style={{ height }} className="rounded-lg border border-slate-200 bg-slate-50" data-testid="path-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.2}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
