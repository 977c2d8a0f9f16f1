// An assign to a team whose capacity (capacity per agent × members) is below the peak of
// conversations the team held open at once in the recorded history: at such a peak the
// assign finds everyone at capacity.
import type { WorkflowDefinition } from '../schema/workflow-definition';
import type { PublishWarning } from './publish-warning';

export type TeamLoadHistory = {
  teamId: string;
  teamName: string;
  members: number;
  /** Capacity per agent (the team's override or the workspace's); null: unlimited. */
  capacityPerAgent: number | null;
  /** The most conversations of the team open at once in the window, and when. */
  peakOpen: number;
  peakAt: string | null;
  windowDays: number;
};

export function teamCapacityWarnings(definition: WorkflowDefinition, loads: readonly TeamLoadHistory[]): PublishWarning[] {
  const out: PublishWarning[] = [];
  const warned = new Set<string>();
  for (const step of definition.steps) {
    if (step.type !== 'assign' || step.config.target.type !== 'team') continue;
    const load = loads.find((l) => l.teamId === (step.config.target as { teamId: string }).teamId);
    if (!load || load.capacityPerAgent === null || warned.has(load.teamId)) continue;
    const capacity = load.capacityPerAgent * load.members;
    if (load.peakOpen <= capacity) continue;
    warned.add(load.teamId);
    const name = step.name ? `"${step.name}"` : step.id;
    out.push({
      kind: 'team_over_capacity',
      stepId: step.id,
      message: `Team ${load.teamName} can hold ${capacity} open conversations, but held ${load.peakOpen} at its peak in the last ${load.windowDays} days: at such a time step ${name} finds everyone at capacity.`,
      evidence: [
        `Capacity: ${load.capacityPerAgent} per agent × ${load.members} member${load.members === 1 ? '' : 's'} = ${capacity}.`,
        `Peak: ${load.peakOpen} conversations of team ${load.teamName} open at once${load.peakAt ? ` (${load.peakAt})` : ''}.`,
      ],
    });
  }
  return out;
}
