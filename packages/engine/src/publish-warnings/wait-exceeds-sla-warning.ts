// A wait that hands a conversation on "if no reply in N minutes" protects a response target:
// when N is longer than the target, the SLA is breached before the workflow acts.
import { durationToMs, formatDuration } from '../schema/duration';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import { slaKindLabels, type SlaKind, type SlaPolicy } from '../sla/sla-policy-schema';
import { formatElapsed } from '../assignment/queue-decision';
import type { PublishWarning } from './publish-warning';

const RESPONSE_KINDS: ReadonlyArray<{ kind: SlaKind; seconds: (p: SlaPolicy) => number | null }> = [
  { kind: 'first_response', seconds: (p) => p.targets.firstResponseSeconds },
  { kind: 'next_response', seconds: (p) => p.targets.nextResponseSeconds },
];

/** Teams the workflow assigns to: a policy narrowed to other teams never applies to its conversations. */
const assignedTeams = (d: WorkflowDefinition) =>
  new Set(d.steps.flatMap((s) => (s.type === 'assign' && s.config.target.type === 'team' ? [s.config.target.teamId] : [])));

export function waitExceedsSlaWarnings(definition: WorkflowDefinition, policies: readonly SlaPolicy[], teamNames: ReadonlyMap<string, string> = new Map()): PublishWarning[] {
  const teams = assignedTeams(definition);
  const out: PublishWarning[] = [];
  for (const step of definition.steps) {
    if (step.type !== 'wait') continue;
    const waitMs = durationToMs(step.config.duration);
    for (const policy of policies) {
      const applies = policy.conditions.teamIds.length === 0 || policy.conditions.teamIds.some((t) => teams.has(t));
      if (!applies) continue;
      const exceeded = RESPONSE_KINDS.flatMap(({ kind, seconds }) => {
        const s = seconds(policy);
        return s !== null && s * 1000 < waitMs ? [{ kind, ms: s * 1000 }] : [];
      }).sort((a, b) => a.ms - b.ms)[0];
      if (!exceeded) continue;
      const name = step.name ? `"${step.name}"` : step.id;
      const narrowed = policy.conditions.teamIds.length
        ? `applies to team${policy.conditions.teamIds.length === 1 ? '' : 's'} ${policy.conditions.teamIds.map((t) => teamNames.get(t) ?? t).join(', ')}`
        : 'applies to every team';
      out.push({
        kind: 'wait_exceeds_sla',
        stepId: step.id,
        message: `Wait ${name} (${formatDuration(step.config.duration)}) is longer than the ${slaKindLabels[exceeded.kind].toLowerCase()} target of SLA policy "${policy.name}" (${formatElapsed(exceeded.ms)}): the target is missed before the workflow acts.`,
        evidence: [
          `SLA policy "${policy.name}" ${narrowed}${policy.conditions.priorities.length ? `, priorities ${policy.conditions.priorities.join(', ')}` : ''}; counted in ${policy.businessHours ? 'business hours' : 'calendar time'}.`,
          `The wait counts ${step.config.businessHours ? 'business hours' : 'calendar time'}.`,
        ],
      });
    }
  }
  return out;
}
