import { and, eq } from 'drizzle-orm';
import { publishImpact, type DiffableDefinition, type PublishImpact } from '@baton/engine';
import { workflowVersions } from '../../schema';
import type { Tenant } from '../../tenancy/tenant';
import { findWorkflow } from '../../workflows/find-workflow';
import { runsInFlightByStep } from './runs-in-flight-by-step';

export type PublishImpactView = PublishImpact & { currentVersion: number };

/**
 * What publishing the draft would do to the runs of the current version (null when nothing is
 * published yet). The draft may be unfinished: the diff works on loose definitions.
 */
export async function getPublishImpact(t: Tenant, workflowId: string): Promise<PublishImpactView | null> {
  const workflow = await findWorkflow(t, workflowId);
  if (!workflow.publishedVersionId) return null;
  const [current] = await t.db
    .select({ version: workflowVersions.version, definition: workflowVersions.definition })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workspaceId, t.workspaceId), eq(workflowVersions.id, workflow.publishedVersionId)));
  if (!current) return null;
  const inFlight = await runsInFlightByStep(t, workflowId, workflow.publishedVersionId);
  const impact = publishImpact(current.definition as DiffableDefinition, looseDraft(workflow.draftDefinition), inFlight);
  return { ...impact, currentVersion: current.version };
}

/** A draft read as a diffable definition whatever state it is in (a missing list is an empty one). */
function looseDraft(raw: unknown): DiffableDefinition {
  const d = (raw ?? {}) as Partial<DiffableDefinition>;
  return {
    trigger: d.trigger ?? { id: 'trigger', type: 'trigger' },
    steps: Array.isArray(d.steps) ? d.steps : [],
    edges: Array.isArray(d.edges) ? d.edges : [],
  };
}
