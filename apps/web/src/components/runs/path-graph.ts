import { stepOutputs, type Catalog, type WorkflowDefinition } from '@baton/engine';
import { summarizeStep } from '@baton/engine';

/** One row of a run's log as the canvas needs it. */
export type PathStep = { stepId: string; stepType: string; output: string | null };

export type PathNodeData = {
  stepId: string;
  type: string;
  title: string;
  summary: string;
  outputs: string[];
  visited: boolean;
  current: boolean;
  /** For the analytics overlay: runs that reached the step, and per-output counts. */
  count?: number;
  outputCounts?: Record<string, number>;
};

export type PathNode = { id: string; position: { x: number; y: number }; data: PathNodeData };
export type PathEdge = { id: string; source: string; target: string; sourceHandle: string; visited: boolean; count?: number };

const TITLES: Record<string, string> = {
  trigger: 'Trigger',
  assign: 'Assign',
  wait: 'Wait',
  branch: 'Branch',
  comment: 'Comment',
  close: 'Close',
  jump: 'Jump',
};

/**
 * A workflow version's graph with a run's path laid over it: a node is visited if the run
 * executed it, an edge if the run left its source by that handle and the next step it ran
 * was the edge's target. Person-made log rows (`manual`) are not part of the path.
 */
export function buildPathGraph(
  definition: WorkflowDefinition,
  steps: readonly PathStep[],
  opts: { currentStepId?: string | null; catalog?: Catalog; analytics?: Record<string, { runsReached: number; outputs: Record<string, number> }> } = {},
): { nodes: PathNode[]; edges: PathEdge[] } {
  const path = steps.filter((s) => s.stepType !== 'manual');
  const visitedSteps = new Set(path.map((s) => s.stepId));
  const visitedEdges = new Set<string>();
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i]!;
    const b = path[i + 1]!;
    if (a.output) visitedEdges.add(`${a.stepId}|${a.output}|${b.stepId}`);
  }

  const all = [definition.trigger, ...definition.steps];
  const nodes: PathNode[] = all.map((node, i) => {
    const isTrigger = node.type === 'trigger';
    const outputs = isTrigger ? ['next'] : stepOutputs(node);
    const name = !isTrigger && node.name ? node.name : TITLES[node.type] ?? node.type;
    const summary = isTrigger ? `On ${node.config.event}` : summarizeStep(node, opts.catalog, definition);
    const a = opts.analytics?.[node.id];
    return {
      id: node.id,
      // Templates and the editor store positions; a definition from the API may not.
      position: node.position ?? { x: (i % 3) * 320, y: Math.floor(i / 3) * 160 },
      data: {
        stepId: node.id,
        type: node.type,
        title: name,
        summary,
        outputs,
        visited: visitedSteps.has(node.id),
        current: opts.currentStepId === node.id,
        ...(opts.analytics ? { count: a?.runsReached ?? 0, outputCounts: a?.outputs ?? {} } : {}),
      },
    };
  });
  const edges: PathEdge[] = definition.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: e.sourceHandle,
    visited: visitedEdges.has(`${e.source}|${e.sourceHandle}|${e.target}`),
    ...(opts.analytics ? { count: opts.analytics[e.source]?.outputs[e.sourceHandle] ?? 0 } : {}),
  }));
  return { nodes, edges };
}

/** "branch:no-reply" → the branch's name; "no_one_available" → words. */
export function outputLabel(definition: WorkflowDefinition | null, stepId: string, handle: string): string {
  if (handle === 'next') return 'next';
  if (handle === 'no_one_available') return 'no one available';
  if (handle === 'else') return 'else';
  if (handle === 'match') return 'matches';
  if (handle === 'limit_reached') return 'limit reached';
  if (handle.startsWith('branch:')) {
    const id = handle.slice('branch:'.length);
    const step = definition?.steps.find((s) => s.id === stepId);
    const branch = step?.type === 'branch' ? step.config.branches.find((b) => b.id === id) : undefined;
    return branch?.name ?? id;
  }
  return handle;
}
