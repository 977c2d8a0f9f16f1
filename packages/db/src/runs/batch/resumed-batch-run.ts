import type { RunState, WorkflowDefinition } from '@baton/engine';
import { keyOf } from '../../sql/json-recordset';
import type { RunRow } from '../run-types';
import type { BatchRun } from './advance-batch';

type VersionRef = { id: string; workspaceId: string; workflowName: string };

/**
 * A waiting run to continue in a batch (advanceBatch), from its row and its version as locked
 * and read by lockRunsWithWorld: a fired timer resumes at the run's resume step, a queue drain
 * re-runs its queued assign step (with why someone is available now).
 */
export function resumedBatchRun(
  run: RunRow,
  versions: readonly VersionRef[],
  definitions: ReadonlyMap<string, WorkflowDefinition>,
  opts: { startStepId: string | null; state?: RunState; queueWake?: Record<string, string> },
): BatchRun {
  const version = versions.find((v) => keyOf(v.workspaceId, v.id) === keyOf(run.workspaceId, run.workflowVersionId));
  if (!version) throw new Error(`workflow version ${run.workflowVersionId} is missing`);
  return {
    kind: 'resumed',
    row: run,
    waitStepId: run.currentStepId,
    ...(opts.queueWake ? { queueWake: opts.queueWake } : {}),
    workspaceId: run.workspaceId,
    runId: run.id,
    conversationId: run.conversationId,
    workflowId: run.workflowId,
    workflowName: version.workflowName,
    versionId: version.id,
    definition: definitions.get(version.id)!,
    startStepId: opts.startStepId,
    state: opts.state ?? run.state,
  };
}
