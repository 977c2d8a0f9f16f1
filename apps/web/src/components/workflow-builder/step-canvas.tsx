'use client';

import type { ReactNode } from 'react';
import { Background, BackgroundVariant, MarkerType } from '@xyflow/react';
import { ReadOnlyContext } from './read-only-context';
import { nodeTypes } from './step-node';
import { ViewStoreContext, type ViewStore } from './view-store';

// What every canvas of steps shares (the builder's, and Simulate's read-only copy of the
// draft), so the two draw a workflow alike: one node component, the same lines and arrows,
// the same zoom bound.
export const stepCanvasProps = {
  nodeTypes,
  defaultEdgeOptions: {
    type: 'smoothstep',
    style: { strokeWidth: 1.6, stroke: '#94a3b8' },
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#94a3b8' },
  },
  // Tab stops are the steps; a connection is changed from its step's panel ("Then go to")
  // instead of by focusing the line itself.
  edgesFocusable: false,
  // A 100-step flow fitted on a laptop screen needs ~0.19.
  minZoom: 0.15,
  proOptions: { hideAttribution: true },
} as const;

export function StepCanvasGrid() {
  return <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />;
}

/** The contexts a step node reads: whether it may be edited, and its view (summary, problems, outputs). */
export function StepCanvasContext({
  readOnly,
  views,
  children,
}: {
  readOnly: boolean;
  views: ViewStore;
  children: ReactNode;
}) {
  return (
    <ReadOnlyContext.Provider value={readOnly}>
      <ViewStoreContext.Provider value={views}>{children}</ViewStoreContext.Provider>
    </ReadOnlyContext.Provider>
  );
}
