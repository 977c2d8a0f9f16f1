import { and, eq } from 'drizzle-orm';
import {
  availabilityGapWarnings,
  duplicateTriggerWarnings,
  historyWindow,
  teamCapacityWarnings,
  waitExceedsSlaWarnings,
  workflowDefinitionSchema,
  type PublishWarning,
  type PublishedWorkflow,
} from '@baton/engine';
import { teams, workflowVersions, workflows, workspaces } from '../schema';
import type { Tenant } from '../tenancy/tenant';
import { findWorkflow } from '../workflows/find-workflow';
import { listSlaPolicies } from '../sla/manage-sla-policies';
import { countOpeningsByLocalHour, loadTeamHistory, teamOpenPeaks } from './team-history.sql';

export const WARNING_HISTORY_DAYS = 14;
/** Other published workflows compared for a shared trigger, at most. */
const MAX_OTHER_WORKFLOWS = 200;

/**
 * Warnings about publishing the draft, from the recorded history (availability, openings,
 * open conversations; the last 14 whole days in the workspace's zone) and the other published
 * workflows and SLA policies. Never blocks publishing. A draft that does not parse has none
 * (it has problems to fix first).
 */
export async function getPublishWarnings(t: Tenant, workflowId: string, now: Date = new Date()): Promise<PublishWarning[]> {
  const workflow = await findWorkflow(t, workflowId);
  const parsed = workflowDefinitionSchema.safeParse(workflow.draftDefinition);
  if (!parsed.success) return [];
  const definition = parsed.data;
  const [ws] = await t.db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, t.workspaceId));
  const zone = ws?.timeZone ?? 'UTC';
  const window = historyWindow(now.getTime(), zone, WARNING_HISTORY_DAYS);
  const from = new Date(window.from);
  const to = new Date(window.to);
  const teamIds = [...new Set(definition.steps.flatMap((s) => (s.type === 'assign' && s.config.target.type === 'team' ? [s.config.target.teamId] : [])))];

  const [history, openings, peaks, policies, published, teamRows] = await Promise.all([
    loadTeamHistory(t, teamIds, from, to),
    countOpeningsByLocalHour(t, zone, from, to),
    teamOpenPeaks(t, teamIds, from, to),
    listSlaPolicies(t),
    t.db
      .select({ id: workflows.id, name: workflows.name, version: workflowVersions.version, definition: workflowVersions.definition })
      .from(workflows)
      .innerJoin(workflowVersions, and(eq(workflowVersions.workspaceId, workflows.workspaceId), eq(workflowVersions.id, workflows.publishedVersionId)))
      .where(and(eq(workflows.workspaceId, t.workspaceId), eq(workflows.status, 'published')))
      .limit(MAX_OTHER_WORKFLOWS),
    t.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, t.workspaceId)),
  ]);
  const others: PublishedWorkflow[] = published.flatMap((p) => {
    const d = workflowDefinitionSchema.safeParse(p.definition);
    return d.success ? [{ id: p.id, name: p.name, version: p.version, definition: d.data }] : [];
  });
  const fmt = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(d);
  return [
    ...availabilityGapWarnings({ definition, timeZone: zone, from: window.from, to: window.to, teams: history, openingsByLocalHour: openings }),
    ...duplicateTriggerWarnings(workflowId, definition, others),
    ...waitExceedsSlaWarnings(definition, policies, new Map(teamRows.map((r) => [r.id, r.name]))),
    ...teamCapacityWarnings(
      definition,
      history.map((h) => {
        const peak = peaks.get(h.teamId);
        return {
          teamId: h.teamId,
          teamName: h.teamName,
          memberCapacities: h.members.map((m) => m.capacity),
          peakOpen: peak?.peak ?? 0,
          peakAt: peak?.at ? fmt(peak.at) : null,
          windowDays: WARNING_HISTORY_DAYS,
        };
      }),
    ),
  ];
}

