// An assign to a team whose capacity (capacity per agent × members) is below the peak of
// conversations the team held open at once in the recorded history: at such a peak the
// assign finds everyone at capacity.
import type { WorkflowDefinition } from '../schema/workflow-definition';
import type { PublishWarning } from './publish-warning';

export type TeamLoadHistory = {
  teamId: string;
  teamName: string;
  /** Each member's capacity (their own, their teams' and the workspace's, smallest set wins); null: unlimited. */
  memberCapacities: ReadonlyArray<number | null>;
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
    if (!load || warned.has(load.teamId) || load.memberCapacities.length === 0) continue;
    const caps = load.memberCapacities;
    if (caps.some((c) => c === null)) continue; // someone is unlimited: the team always has room
    const capacity = (caps as number[]).reduce((a, b) => a + b, 0);
    if (load.peakOpen <= capacity) continue;
    const n = caps.length;
    const uniform = caps.every((c) => c === caps[0]);
    warned.add(load.teamId);
    const name = step.name ? `"${step.name}"` : step.id;
    out.push({
      kind: 'team_over_capacity',
      stepId: step.id,
      message: `Team ${load.teamName} can hold ${capacity} open conversations, but held ${load.peakOpen} at its peak in the last ${load.windowDays} days: at such a time step ${name} finds everyone at capacity.`,
      evidence: [
        uniform
          ? `Capacity: ${caps[0]} per agent × ${n} member${n === 1 ? '' : 's'} = ${capacity}.`
          : `Capacity: ${caps.join(' + ')} = ${capacity} (each member's capacity).`,
        `Peak: ${load.peakOpen} conversations of team ${load.teamName} open at once${load.peakAt ? ` (${load.peakAt})` : ''}.`,
      ],
    });
  }
  return out;
}
