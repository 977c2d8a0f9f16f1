import type { Database } from '../client';
import { tenant } from '../tenancy/tenant';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { startRunsForEvent } from '../runs/start-runs-for-event';
import { createTestWorkspace } from './create-test-workspace';

/**
 * A test workspace with one published workflow: a new conversation is assigned to `team`'s
 * online agents and, with nobody available, waits in its queue (timeout a day by default).
 * `queue()` opens a conversation and runs the workflow now (no worker), returning its run:
 * 'waiting' when it queued.
 */
export async function createQueuedTeamWorkspace(
  db: Database,
  spec: Parameters<typeof createTestWorkspace>[1],
  opts: { team?: string; timeout?: { amount: number; unit: 'seconds' | 'minutes' | 'hours' | 'days' } } = {},
) {
  const ws = await createTestWorkspace(db, spec);
  const t = tenant(db, ws.workspaceId);
  const team = opts.team ?? 'Sales';
  const definition = {
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
    steps: [{ id: 'assign', type: 'assign', config: { target: { type: 'team', teamId: ws.teams[team] }, queue: { timeout: opts.timeout ?? { amount: 1, unit: 'days' } } } }],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'assign' }],
  };
  const { id: workflowId } = await createWorkflow(t, { name: 'Queue', definition: definition as never }, null);
  await publishWorkflow(t, workflowId, null);
  const queue = async (externalId: string, opts2: { name?: string; text?: string } = {}) => {
    const inbound = await receiveInboundMessage(t, ws.channelId, { contact: { externalId, ...(opts2.name ? { name: opts2.name } : {}) }, text: opts2.text ?? 'hi' });
    const [run] = await startRunsForEvent(t, inbound.outboxEventIds[0]!);
    return { conversationId: inbound.conversationId, runId: run!.runId, status: run!.status };
  };
  return { ws, t, workflowId, queue };
}
