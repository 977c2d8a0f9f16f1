import type { WorkflowDefinition } from '../schema/workflow-definition';
import { triggerNodeSchema } from '../trigger/trigger-schema';
import { buildLooseGraph } from '../validation/loose-graph';
import { validateDefinition } from '../validation/validate-definition';

export interface RunnableDefinition {
  /** Null when the trigger itself cannot be read: no run can start. */
  definition: WorkflowDefinition | null;
  /** Steps that do not parse, with their first problem: a run that reaches one fails there. */
  brokenSteps: Record<string, string>;
  problems: Array<{ stepId: string | null; message: string }>;
}

/**
 * A draft may have problems and still be simulated (issue #19): every step that parses is
 * kept, a step that does not is left out, so the production loop stops a run that reaches it
 * ("not in version") and the replay names the step and its problem instead.
 */
export function runnableDefinition(raw: unknown): RunnableDefinition {
  const problems = validateDefinition(raw).map((p) => ({ stepId: p.stepId, message: p.message }));
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { definition: null, brokenSteps: {}, problems };
  const record = raw as Record<string, unknown>;
  const trigger = triggerNodeSchema.safeParse(record.trigger);
  const graph = buildLooseGraph(record);
  const brokenSteps: Record<string, string> = {};
  for (const s of graph.steps)
    if (!s.parsed) brokenSteps[s.id] = problems.find((p) => p.stepId === s.id)?.message ?? 'this step has problems';
  if (!trigger.success) return { definition: null, brokenSteps, problems };
  return {
    definition: {
      schemaVersion: 1,
      trigger: trigger.data,
      steps: graph.steps.flatMap((s) => (s.parsed ? [s.parsed] : [])),
      edges: graph.edges.map((e) => ({ id: e.id ?? `edge-${e.index}`, source: e.source, sourceHandle: e.sourceHandle, target: e.target })),
    },
    brokenSteps,
    problems,
  };
}
