'use server';

import { z } from 'zod';
import { cancelSimulation, createSimulation, DomainError, getSimulation, parseSimulationRequest } from '@baton/db';
import { requireWorkflowIds } from './workflow-ids';
import { fromError, ok, requireMember, type ActionResult } from '@/server/auth';

// Simulate (issue #19 item 1): admins only (workflows.manage), checked in every action — a
// server action is a public endpoint whatever page renders its button.

const simulationId = z.uuid();
function requireSimulationId(id: unknown): string {
  const parsed = simulationId.safeParse(id);
  if (!parsed.success) throw new DomainError('not_found', 'Simulation not found');
  return parsed.data;
}

/** Queues a simulation of the workflow's draft vs its published version; the worker runs it. */
export async function startSimulationAction(workflowId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId });
    const request = parseSimulationRequest(input, new Date());
    return ok(await createSimulation(m.tenant, workflowId, request, m.user.id));
  } catch (e) {
    return fromError(e);
  }
}

export type SimulationProgress = { status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'; progress: number; error: string | null };

/** What the progress bar polls. */
export async function simulationProgressAction(id: string): Promise<ActionResult<SimulationProgress>> {
  const m = await requireMember('workflows.manage');
  try {
    const s = await getSimulation(m.tenant, requireSimulationId(id));
    return ok({ status: s.status, progress: s.progress, error: s.error });
  } catch (e) {
    return fromError(e);
  }
}

export async function cancelSimulationAction(id: string): Promise<ActionResult> {
  const m = await requireMember('workflows.manage');
  try {
    await cancelSimulation(m.tenant, requireSimulationId(id));
    return ok();
  } catch (e) {
    return fromError(e);
  }
}
