import { describe, expect, it } from 'vitest';
import { utcCalendar } from '../business-time/schedule-ref';
import { reassignIfNoReply } from '../workflow-templates/reassign-if-no-reply';
import { simulate } from './simulate';
import type { SimOpening, SimulationInput } from './simulation-input';
import { simulationDifferences } from './simulation-differences';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const MIN = 60_000;

function opening(n: number, at: number, replies: SimOpening['replies'] = [], closedAt: number | null = null): SimOpening {
  return {
    conversationId: `c${String(n).padStart(3, '0')}`,
    openedAt: at,
    closedAt,
    source: 'contact',
    channelId: 'email',
    priority: 'normal',
    contact: { id: `ct${n}`, name: `Contact ${n}`, fields: {}, tags: [] },
    replies,
  };
}

const published = reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', waitMinutes: 15, queueTimeout: { amount: 30, unit: 'minutes' } });

function input(overrides: Partial<SimulationInput> = {}): SimulationInput {
  return {
    workflow: { id: 'wf', name: 'Reassign' },
    period: { from: T0, to: T0 + 24 * 60 * MIN },
    seed: 7,
    calendar: utcCalendar(),
    members: [
      { id: 'alice', name: 'Alice', availability: 'online', skills: [], capacity: null },
      { id: 'bob', name: 'Bob', availability: 'online', skills: [], capacity: null },
      { id: 'carol', name: 'Carol', availability: 'offline', skills: [], capacity: null },
    ],
    teams: [
      { id: 'sales', name: 'Sales', memberIds: ['alice', 'bob'] },
      { id: 'support', name: 'Support', memberIds: ['carol'] },
    ],
    availability: [],
    openings: [],
    initialOpenCounts: {},
    slaPolicies: [],
    versions: [{ label: 'published', versionId: 'v1', definition: published }],
    ...overrides,
  };
}

const outcomesOf = (i: SimulationInput) => simulate(i).outcomes.published!;

describe('simulate', () => {
  it('assigns by round robin through the production loop and reassigns when the assignee does not reply in time', () => {
    const { outcomes, result } = simulate(
      input({
        availability: [{ at: T0 + 10 * MIN, userId: 'carol', availability: 'online' }],
        openings: [
          opening(1, T0, [{ userId: 'alice', at: T0 + 2 * MIN, delayMs: 2 * MIN }]),
          // Bob never replied here: his reply is drawn from his recorded delays (20 min, from c004).
          opening(2, T0 + MIN),
          opening(3, T0 + 2 * MIN, [{ userId: 'alice', at: T0 + 5 * MIN, delayMs: 3 * MIN }]),
          opening(4, T0 + 20 * MIN, [{ userId: 'bob', at: T0 + 40 * MIN, delayMs: 20 * MIN }]),
        ],
      }),
    );
    const out = outcomes.published!;
    expect(out.map((o) => o.assignees)).toEqual([['alice'], ['bob', 'carol'], ['alice'], ['bob', 'carol']]);
    expect(out.map((o) => o.reassignments)).toEqual([0, 1, 0, 1]);
    expect(out[0]!.firstResponseAt).toBe(T0 + 2 * MIN);
    const v = result.versions[0]!;
    expect(v.reassignments).toBe(2);
    expect(v.assignmentsPerAgent).toEqual({ alice: 2, bob: 2, carol: 2 });
    expect(v.runStatus).toEqual({ completed: 4, failed: 0, waiting: 0, cancelled: 0 });
  });

  it('an agent who actually had the conversation and never replied is replayed as not replying (no draw)', () => {
    const out = outcomesOf(
      input({
        availability: [{ at: T0, userId: 'carol', availability: 'online' }],
        openings: [
          opening(1, T0 + MIN, [{ userId: 'alice', at: T0 + 2 * MIN, delayMs: MIN }]),
          // Bob had c002 in reality and never answered; his other recorded replies are quick.
          { ...opening(2, T0 + 2 * MIN), handlers: ['bob'] },
          opening(3, T0 + 3 * MIN, [{ userId: 'bob', at: T0 + 40 * MIN, delayMs: MIN }]),
        ],
      }),
    );
    expect(out.map((o) => o.assignees)).toEqual([['alice'], ['bob', 'carol'], ['alice']]);
  });

  it('queues when no one is online, assigns the first agent to come online, and times out the rest', () => {
    const out = outcomesOf(
      input({
        members: [
          { id: 'alice', name: 'Alice', availability: 'offline', skills: [], capacity: null },
          { id: 'bob', name: 'Bob', availability: 'offline', skills: [], capacity: null },
          { id: 'carol', name: 'Carol', availability: 'offline', skills: [], capacity: null },
        ],
        availability: [
          { at: T0 + 5 * MIN, userId: 'bob', availability: 'online' },
          { at: T0 + 35 * MIN, userId: 'bob', availability: 'offline' },
        ],
        openings: [
          opening(1, T0, [], T0 + 6 * MIN),
          opening(2, T0 + MIN, [], T0 + 6 * MIN),
          opening(3, T0 + 40 * MIN),
        ],
      }),
    );
    expect(out.map((o) => [o.assignees, o.queue, o.noOneAvailable])).toEqual([
      [['bob'], 'assigned', false],
      [['bob'], 'assigned', false],
      [[], 'timed_out', true],
    ]);
  });

  it('honours capacity, and a closed conversation frees room for the queue', () => {
    const cap = (id: string, name: string) => ({ id, name, availability: 'online' as const, skills: [], capacity: 1 });
    const out = outcomesOf(
      input({
        members: [cap('alice', 'Alice'), cap('bob', 'Bob'), { id: 'carol', name: 'Carol', availability: 'offline', skills: [], capacity: null }],
        openings: [
          opening(1, T0, [{ userId: 'alice', at: T0 + MIN, delayMs: MIN }], T0 + 3 * MIN),
          opening(2, T0 + MIN / 2, [{ userId: 'bob', at: T0 + MIN, delayMs: MIN / 2 }]),
          opening(3, T0 + 2 * MIN, [{ userId: 'alice', at: T0 + 4 * MIN, delayMs: MIN }]),
        ],
      }),
    );
    expect(out.map((o) => [o.assignees, o.queue])).toEqual([
      [['alice'], null],
      [['bob'], null],
      [['alice'], 'assigned'],
    ]);
  });

  it('gives identical results for the same inputs and seed', () => {
    const big = input({
      availability: Array.from({ length: 40 }, (_, i) => ({
        at: T0 + i * 17 * MIN,
        userId: ['alice', 'bob', 'carol'][i % 3]!,
        availability: (['online', 'offline', 'away'] as const)[(i * 7) % 3]!,
      })),
      openings: Array.from({ length: 200 }, (_, i) => opening(i, T0 + i * 3 * MIN, i % 4 === 0 ? [{ userId: 'alice', at: T0 + i * 3 * MIN + 5 * MIN, delayMs: 5 * MIN }] : [])),
      versions: [
        { label: 'draft', versionId: 'draft', definition: reassignIfNoReply({ firstTeamId: 'support', secondTeamId: 'sales', waitMinutes: 5 }) },
        { label: 'published', versionId: 'v1', definition: published },
      ],
    });
    const a = simulate(big);
    const b = simulate(JSON.parse(JSON.stringify(big)) as SimulationInput);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.result.versions[0]!.samples.length).toBeGreaterThan(0);
    const differences = simulationDifferences(a.result, { alice: 'Alice' });
    expect(differences.find((d) => d.metric === 'Runs started')).toEqual({ metric: 'Runs started', unit: 'count', published: 200, draft: 200 });
  }, 60_000);

  it('simulates a draft with problems: runs stop at the broken step, which is named', () => {
    const broken = JSON.parse(JSON.stringify(published)) as { steps: Array<{ id: string; config: Record<string, unknown> }> };
    broken.steps.find((s) => s.id === 'wait')!.config = { duration: { amount: -3, unit: 'minutes' } };
    const { result } = simulate(
      input({
        openings: [opening(1, T0), opening(2, T0 + MIN)],
        versions: [{ label: 'draft', versionId: 'draft', definition: broken }],
      }),
    );
    const v = result.versions[0]!;
    expect(v.brokenSteps.wait).toBeTruthy();
    expect(v.runStatus.failed).toBe(2);
    expect(v.failedSteps.wait?.count).toBe(2);
    const path = v.samples[0]!;
    expect(path.runStatus).toBe('failed');
    expect(path.steps.at(-1)).toMatchObject({ stepId: 'wait', stepType: 'wait' });
    expect(path.steps.at(-1)!.error).toMatch(/Step wait cannot run/);
  });

  it('an empty period starts no run', () => {
    const { result } = simulate(input());
    expect(result.conversations).toBe(0);
    expect(result.versions[0]!.runs).toBe(0);
    expect(result.versions[0]!.firstResponse).toEqual({ medianMs: null, p90Ms: null, replied: 0, unanswered: 0 });
  });
});
