// Two published workflows that both assign on the same trigger race for every conversation it
// starts: whichever run goes second reassigns what the first just assigned.
import { sources } from '../schema/primitives';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import { describeTrigger, matchesTrigger } from '../trigger/match-trigger';
import type { TriggerConfig } from '../trigger/trigger-schema';
import type { PublishWarning } from './publish-warning';

export type PublishedWorkflow = { id: string; name: string; version: number; definition: WorkflowDefinition };

const assigningSteps = (d: WorkflowDefinition) => d.steps.filter((s) => s.type === 'assign' && s.config.target.type !== 'unassign');

/** Both triggers fire for some event: same event, a source both accept, and the same tag / field when narrowed. */
function overlap(a: TriggerConfig, b: TriggerConfig): boolean {
  if (a.event !== b.event) return false;
  if (a.tag && b.tag && a.tag !== b.tag) return false;
  if (a.fieldKey && b.fieldKey && a.fieldKey !== b.fieldKey) return false;
  const payload = { tag: a.tag ?? b.tag, key: a.fieldKey ?? b.fieldKey };
  return sources.some((source) => matchesTrigger(a, { type: a.event, source, payload }) && matchesTrigger(b, { type: b.event, source, payload }));
}

export function duplicateTriggerWarnings(workflowId: string, draft: WorkflowDefinition, published: readonly PublishedWorkflow[]): PublishWarning[] {
  const mine = assigningSteps(draft);
  if (!mine.length || draft.trigger.config.event === 'manual') return [];
  return published.flatMap((other) => {
    if (other.id === workflowId || !overlap(draft.trigger.config, other.definition.trigger.config)) return [];
    const theirs = assigningSteps(other.definition);
    if (!theirs.length) return [];
    const names = (steps: typeof theirs) => steps.map((s) => (s.name ? `"${s.name}"` : s.id)).join(', ');
    return [
      {
        kind: 'duplicate_trigger' as const,
        stepId: null,
        message: `Published workflow "${other.name}" also assigns on this trigger: both run for the same conversations, and the second assignment overrides the first.`,
        evidence: [
          `This workflow: ${describeTrigger(draft.trigger.config)}; assigns at ${names(mine)}.`,
          `"${other.name}" (version ${other.version}): ${describeTrigger(other.definition.trigger.config)}; assigns at ${names(theirs)}.`,
        ],
      },
    ];
  });
}
