import type { ConversationPriority } from '../contacts/contact-fields';
import type { SlaPolicy } from './sla-policy-schema';

/** The conversation attributes SLA conditions read. */
export interface SlaSubject {
  channelId: string;
  teamId: string | null;
  priority: ConversationPriority;
  /** The contact's tags. */
  tags: readonly string[];
}

export function policyMatches(policy: SlaPolicy, s: SlaSubject): boolean {
  const c = policy.conditions;
  if (c.channelIds.length && !c.channelIds.includes(s.channelId)) return false;
  if (c.teamIds.length && (s.teamId === null || !c.teamIds.includes(s.teamId))) return false;
  if (c.priorities.length && !c.priorities.includes(s.priority)) return false;
  if (c.tags.length && !c.tags.some((t) => s.tags.includes(t))) return false;
  return true;
}

/** Policies are ordered: the first (lowest position) that matches applies, the others do not. */
export function matchSlaPolicy(policies: readonly SlaPolicy[], s: SlaSubject): SlaPolicy | null {
  return [...policies].sort((a, b) => a.position - b.position).find((p) => policyMatches(p, s)) ?? null;
}
