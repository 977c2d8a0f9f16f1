'use client';

import '@xyflow/react/dist/style.css';
import { useMemo, useState } from 'react';
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import type { Catalog, VersionSimulation } from '@baton/engine';
import { definitionToFlow } from '@/components/workflow-builder/definition-to-flow';
import { toEditorDefinition } from '@/components/workflow-builder/editor-definition';
import { deriveNodeViews } from '@/components/workflow-builder/node-views';
import { StepCanvasContext, StepCanvasGrid, stepCanvasProps } from '@/components/workflow-builder/step-canvas';
import { createViewStore } from '@/components/workflow-builder/view-store';
import { simulationFailureProblems } from './simulation-markers';

/**
 * The simulated draft as the builder draws it, read-only, with the steps its runs failed at
 * marked the way the builder marks a step's problems.
 */
export function SimulationCanvas({ definition, version, catalog }: { definition: unknown; version: VersionSimulation; catalog: Catalog }) {
  const def = useMemo(() => toEditorDefinition(definition), [definition]);
  const flow = useMemo(() => (def ? definitionToFlow(def) : null), [def]);
  const [views] = useState(() => {
    const store = createViewStore();
    if (def) store.set(deriveNodeViews(def, simulationFailureProblems(version), catalog));
    return store;
  });
  if (!flow) return null;
  return (
    <StepCanvasContext readOnly views={views}>
      <div className="h-96 rounded-lg border border-slate-200 bg-slate-50" data-testid="simulation-canvas" role="region" aria-label="Simulated draft: the steps where runs failed are marked">
        <ReactFlowProvider>
          <ReactFlow {...stepCanvasProps} nodes={flow.nodes} edges={flow.edges} nodesDraggable={false} nodesConnectable={false} deleteKeyCode={null} fitView>
            <StepCanvasGrid />
          </ReactFlow>
        </ReactFlowProvider>
      </div>
    </StepCanvasContext>
  );
}
