import { getRun } from '@baton/db';
import { apiEndpoint } from '@/server/api/api-endpoint';
import { getRunEndpoint } from '@/server/api/endpoints/workflow-endpoints';

export const GET = apiEndpoint(getRunEndpoint, async ({ tenant, id }) => {
  const run = await getRun(tenant, id);
  return {
    id: run.id,
    status: run.status,
    workflowId: run.workflowId,
    workflowVersionId: run.workflowVersionId,
    workflowName: run.workflowName,
    version: run.version,
    definition: run.definition,
    conversationId: run.conversationId,
    conversationStatus: run.conversationStatus,
    contactName: run.contactName,
    currentStepId: run.currentStepId,
    wakeAt: run.wakeAt,
    error: run.error,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    steps: run.steps.map((s) => ({
      id: s.id,
      seq: s.seq,
      stepId: s.stepId,
      stepType: s.stepType,
      output: s.output,
      decision: s.decision,
      effects: s.effects,
      error: s.error,
      actorUserId: s.actorUserId,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
    })),
  };
});
