'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import {
  countRunsInFlight,
  DomainError,
  findWorkflow,
  getWorkflow,
  getWorkflowVersion,
  publishWorkflow,
  unpublishWorkflow,
  updateWorkflow,
} from '@baton/db';
import type { Problem } from '@baton/engine';
import { requireWorkflowIds } from './workflow-ids';
import { fromError, ok, requireMember, type ActionResult } from '@/server/auth';

// The editor's server actions. Each checks the role itself: a server action is a public
// endpoint whether or not the page that renders its button is.

export async function saveDraftAction(
  id: string,
  definition: unknown,
): Promise<ActionResult<{ problems: Problem[]; updatedAt: string }>> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id });
    const r = await updateWorkflow(m.tenant, id, { definition: definition as never }, m.user.id);
    return ok({ problems: r.problems, updatedAt: r.updatedAt.toISOString() });
  } catch (e) {
    if (e instanceof z.ZodError) return { ok: false, error: 'The workflow is not in a shape that can be saved.' };
    return fromError(e);
  }
}

export async function publishWorkflowAction(
  id: string,
): Promise<ActionResult<{ version: number }> & { problems?: Problem[] }> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id });
    const r = await publishWorkflow(m.tenant, id, m.user.id);
    revalidatePath('/workflows');
    revalidatePath(`/workflows/${id}`);
    return ok({ version: r.version });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'invalid') {
      const problems = (e.details as { problems?: Problem[] } | undefined)?.problems;
      return { ok: false, error: e.message, problems };
    }
    return fromError(e);
  }
}

export async function runsInFlightAction(id: string): Promise<ActionResult<{ runsInFlight: number }>> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id });
    // Another workspace's workflow id is "not found", not "0 runs" (tenant isolation test).
    await findWorkflow(m.tenant, id);
    return ok({ runsInFlight: await countRunsInFlight(m.tenant, id) });
  } catch (e) {
    return fromError(e);
  }
}

export async function stopWorkflowAction(id: string): Promise<ActionResult<{ runsInFlight: number }>> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id });
    const r = await unpublishWorkflow(m.tenant, id);
    revalidatePath('/workflows');
    revalidatePath(`/workflows/${id}`);
    return ok(r);
  } catch (e) {
    return fromError(e);
  }
}

/** Anyone who can view workflows can look at a version. */
export async function getVersionAction(id: string, versionId: string): Promise<ActionResult<{ definition: unknown; version: number }>> {
  const m = await requireMember('workflows.view');
  try {
    requireWorkflowIds({ workflowId: id, versionId });
    const v = await getWorkflowVersion(m.tenant, id, versionId);
    return ok({ definition: v.definition, version: v.version });
  } catch (e) {
    return fromError(e);
  }
}

/** Copies a published version into the draft; publishing it again makes a new version. */
export async function restoreVersionAction(
  id: string,
  versionId: string,
): Promise<ActionResult<{ definition: unknown; problems: Problem[]; updatedAt: string }>> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id, versionId });
    const v = await getWorkflowVersion(m.tenant, id, versionId);
    const r = await updateWorkflow(m.tenant, id, { definition: v.definition as never }, m.user.id);
    return ok({ definition: v.definition, problems: r.problems, updatedAt: r.updatedAt.toISOString() });
  } catch (e) {
    return fromError(e);
  }
}

export async function refreshWorkflowAction(id: string) {
  const m = await requireMember('workflows.view');
  requireWorkflowIds({ workflowId: id });
  const w = await getWorkflow(m.tenant, id);
  return {
    status: w.status,
    versions: w.versions.map((v) => ({
      id: v.id,
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      publishedByName: v.publishedByName,
    })),
  };
}
