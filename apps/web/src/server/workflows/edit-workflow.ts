'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import {
  countRunsInFlight,
  DomainError,
  findWorkflow,
  getWorkflow,
  getPublishImpact,
  getPublishWarnings,
  getWorkflowVersion,
  publishWorkflow,
  type PublishImpactView,
  unpublishWorkflow,
  updateWorkflow,
} from '@baton/db';
import type { Problem, PublishWarning } from '@baton/engine';
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

const publishChoiceSchema = z.object({
  moves: z.array(z.object({ fromStepId: z.string().min(1).max(80), toStepId: z.string().min(1).max(80) })).max(100).default([]),
});

/** What the publish dialog shows: the runs in flight per step of the current version, what the draft changes, and warnings from history. */
export async function publishPreviewAction(id: string): Promise<ActionResult<{ impact: PublishImpactView | null; warnings: PublishWarning[] }>> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id });
    const [impact, warnings] = await Promise.all([getPublishImpact(m.tenant, id), getPublishWarnings(m.tenant, id)]);
    return ok({ impact, warnings });
  } catch (e) {
    return fromError(e);
  }
}

export async function publishWorkflowAction(
  id: string,
  choice: unknown = {},
): Promise<ActionResult<{ version: number; movesRuns: boolean }> & { problems?: Problem[] }> {
  const m = await requireMember('workflows.manage');
  try {
    requireWorkflowIds({ workflowId: id });
    const parsed = publishChoiceSchema.safeParse(choice);
    if (!parsed.success) return { ok: false, error: 'The choice for the runs in flight is not valid.' };
    const r = await publishWorkflow(m.tenant, id, m.user.id, { moves: parsed.data.moves });
    revalidatePath('/workflows');
    revalidatePath(`/workflows/${id}`);
    return ok({ version: r.version, movesRuns: r.runMoveId !== null });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'invalid') {
      // A bad move choice: the problems name their field (`moves.0.toStepId`).
      if (Array.isArray(e.details)) {
        const fieldErrors = Object.fromEntries((e.details as Array<{ field: string; message: string }>).map((d) => [d.field, d.message]));
        return { ok: false, error: e.message, fieldErrors };
      }
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
