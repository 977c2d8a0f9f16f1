// Test-only builders (not exported from index): small, explicit worlds for engine tests.
import type { Catalog } from '../catalog';
import type { Availability, Candidate, Pool, PoolKey, RunState, Snapshot } from '../interpreter/snapshot';
import { initialRunState } from '../interpreter/snapshot';
import { utcCalendar } from '../business-time/schedule-ref';
import { workflowDefinitionSchema, type WorkflowDefinition, type WorkflowDefinitionInput } from '../schema/workflow-definition';

export const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);
export const MINUTE = 60_000;

export const people: Record<string, { id: string; name: string; availability: Availability }> = {
  alice: { id: 'alice', name: 'Alice', availability: 'online' },
  bob: { id: 'bob', name: 'Bob', availability: 'online' },
  carol: { id: 'carol', name: 'Carol', availability: 'offline' },
  dave: { id: 'dave', name: 'Dave', availability: 'online' },
  erin: { id: 'erin', name: 'Erin', availability: 'away' },
};

export const catalog: Catalog = {
  users: Object.values(people).map(({ id, name }) => ({ id, name })),
  teams: [
    { id: 'sales', name: 'Sales', memberIds: ['alice', 'bob', 'carol', 'dave'] },
    { id: 'support', name: 'Support', memberIds: ['carol', 'erin', 'bob'] },
    { id: 'empty', name: 'Empty', memberIds: [] },
  ],
  channels: [{ id: 'email', name: 'Email' }],
};

export function candidate(userId: string, overrides: Partial<Candidate> = {}): Candidate {
  const p = people[userId] ?? { id: userId, name: userId, availability: 'online' as const };
  return { userId, name: p.name, availability: p.availability, openCount: 0, inPool: true, ...overrides };
}

export function pool(key: PoolKey, candidates: Candidate[], cursorUserId: string | null = null): Pool {
  return { key, candidates, cursorUserId };
}

export function snapshot(overrides: Partial<Omit<Snapshot, 'conversation' | 'contact'>> & {
  conversation?: Partial<Snapshot['conversation']>;
  contact?: Partial<Snapshot['contact']>;
} = {}): Snapshot {
  const { conversation, contact, ...rest } = overrides;
  return {
    now: NOW,
    workflow: { id: 'wf1', name: 'Triage' },
    users: people,
    teams: { sales: { id: 'sales', name: 'Sales' }, support: { id: 'support', name: 'Support' } },
    calendar: utcCalendar(),
    pools: {
      'team:sales': pool('team:sales', ['alice', 'bob', 'carol', 'dave'].map((id) => candidate(id))),
      'team:support': pool('team:support', ['carol', 'erin', 'bob'].map((id) => candidate(id))),
    },
    ...rest,
    conversation: {
      id: 'conv1',
      status: 'open',
      priority: 'normal',
      assigneeId: null,
      teamId: null,
      channelId: 'email',
      openedAt: NOW - 20 * MINUTE,
      lastIncomingAt: NOW - 20 * MINUTE,
      lastOutgoingAt: null,
      lastAgentReplyAt: null,
      // An assignee given without a clock got the conversation 10 minutes ago, no reply yet.
      assignedAt: conversation?.assigneeId ? NOW - 10 * MINUTE : null,
      assigneeRepliedAt: null,
      openedBy: 'contact',
      ...conversation,
    },
    contact: { id: 'ct1', name: 'Zoe', fields: { plan: 'Enterprise' }, tags: ['vip'], ...contact },
  };
}

export function state(overrides: Partial<RunState> = {}): RunState {
  return { ...initialRunState(), ...overrides };
}

export function definition(input: Omit<WorkflowDefinitionInput, 'schemaVersion' | 'trigger'> & Partial<Pick<WorkflowDefinitionInput, 'trigger'>>): WorkflowDefinition {
  return workflowDefinitionSchema.parse({
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
    ...input,
  });
}

export const e = (source: string, sourceHandle: string, target: string) => ({
  id: `${source}-${sourceHandle.replace(':', '_')}-${target}`,
  source,
  sourceHandle,
  target,
});
