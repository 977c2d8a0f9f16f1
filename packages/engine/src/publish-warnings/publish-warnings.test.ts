import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { reassignIfNoReply } from '../workflow-templates/reassign-if-no-reply';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import type { SlaPolicy } from '../sla/sla-policy-schema';
import { availabilityGapWarnings, historyWindow, onlineIntervals, type MemberAvailabilityHistory } from './availability-gap-warning';
import { duplicateTriggerWarnings } from './duplicate-trigger-warning';
import { waitExceedsSlaWarnings } from './wait-exceeds-sla-warning';
import { teamCapacityWarnings } from './team-capacity-warning';

const zone = 'Europe/Berlin';
const workflow = (waitMinutes = 15): WorkflowDefinition => reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support', waitMinutes });
const local = (day: string, hour: number) => DateTime.fromISO(`${day}T${String(hour).padStart(2, '0')}:00`, { zone }).toMillis();

describe('availability gap', () => {
  // 14 days; Support's one agent is online 07:00–22:00 every day except two days when she stays until 02:00.
  const { from, to } = historyWindow(DateTime.fromISO('2026-11-15T12:00', { zone }).toMillis(), zone, 14);
  const days = Array.from({ length: 14 }, (_, i) => DateTime.fromMillis(from, { zone }).plus({ days: i }).toISODate()!);
  const changes: MemberAvailabilityHistory['changes'] = days.flatMap((d, i) => {
    const late = i === 3 || i === 9;
    const off = late ? DateTime.fromISO(`${d}T02:00`, { zone }).plus({ days: 1 }).toMillis() : local(d, 22);
    return [
      { at: local(d, 7), availability: 'online' as const },
      { at: off, availability: 'offline' as const },
    ];
  });
  const openings = new Map<string, number>();
  for (const d of days) {
    openings.set(`${d}T23`, 2); // 2 a night at 23:00, 1 at 03:00: 3 a day in the gap
    openings.set(`${d}T03`, 1);
    openings.set(`${d}T12`, 5); // covered hours do not count
  }

  it('finds the usual uncovered hours, the days they were uncovered, and the conversations they would miss', () => {
    const warnings = availabilityGapWarnings({
      definition: workflow(),
      timeZone: zone,
      from,
      to,
      teams: [{ teamId: 'support', teamName: 'Support', members: [{ initial: 'offline', changes }] }],
      openingsByLocalHour: openings,
    });
    expect(warnings).toHaveLength(1);
    const w = warnings[0]!;
    expect(w).toMatchObject({ kind: 'availability_gap', stepId: 'assign-second' });
    // 2 of the 14 nights were covered until 02:00.
    expect(w.message).toBe('Team Support had nobody online 22:00–07:00 on 12 of the last 14 days: about 3 conversations a day would reach "no one available" at step assign-second.');
    expect(w.evidence.join(' ')).toContain('opened in those hours');
  });

  it('says nothing for a team that always had someone online, or a workflow that assigns no one by availability', () => {
    const always = availabilityGapWarnings({
      definition: workflow(),
      timeZone: zone,
      from,
      to,
      teams: [{ teamId: 'support', teamName: 'Support', members: [{ initial: 'online', changes: [] }] }],
      openingsByLocalHour: openings,
    });
    expect(always).toEqual([]);
    const offline = workflow();
    for (const s of offline.steps) if (s.type === 'assign') s.config.onlyOnline = false;
    expect(availabilityGapWarnings({ definition: offline, timeZone: zone, from, to, teams: [], openingsByLocalHour: openings })).toEqual([]);
  });

  it('turns availability changes into online intervals', () => {
    expect(onlineIntervals({ initial: 'online', changes: [{ at: 10, availability: 'away' }, { at: 20, availability: 'online' }, { at: 25, availability: 'online' }] }, 0, 30)).toEqual([
      [0, 10],
      [20, 30],
    ]);
  });
});

describe('duplicate trigger', () => {
  it('warns when another published workflow assigns on the same trigger, naming both', () => {
    const other = { id: 'other', name: 'Night shift', version: 3, definition: workflow() };
    const warnings = duplicateTriggerWarnings('mine', workflow(), [other, { ...other, id: 'mine' }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('"Night shift" also assigns on this trigger');
    expect(warnings[0]!.evidence[1]).toContain('"Night shift" (version 3): When a conversation is opened');
  });

  it('is quiet when the triggers cannot both fire (another event, or disjoint sources)', () => {
    const byApi = workflow();
    byApi.trigger.config.conditions = [{ id: 'c', field: 'source', operator: 'is', value: 'api' }];
    expect(duplicateTriggerWarnings('mine', workflow(), [{ id: 'o', name: 'API', version: 1, definition: byApi }])).toEqual([]);
    const closed = workflow();
    closed.trigger.config.event = 'conversation.closed';
    expect(duplicateTriggerWarnings('mine', workflow(), [{ id: 'o', name: 'Closed', version: 1, definition: closed }])).toEqual([]);
  });
});

describe('wait longer than an SLA target', () => {
  const policy = (over: Partial<SlaPolicy> = {}): SlaPolicy => ({
    id: 'p',
    position: 0,
    name: 'Gold',
    conditions: { channelIds: [], teamIds: [], tags: [], priorities: [] },
    targets: { firstResponseSeconds: 600, nextResponseSeconds: null, resolutionSeconds: null },
    businessHours: null,
    warningPercent: 80,
    pauseWhileWaitingOnCustomer: false,
    ...over,
  });

  it('warns when the wait outlasts a response target, with the policy as evidence', () => {
    const [w] = waitExceedsSlaWarnings(workflow(15), [policy()]);
    expect(w).toMatchObject({ kind: 'wait_exceeds_sla', stepId: 'wait' });
    expect(w!.message).toBe('Wait wait (15 minutes) is longer than the first response target of SLA policy "Gold" (10 min): the target is missed before the workflow acts.');
    expect(w!.evidence[0]).toContain('applies to every team');
  });

  it('is quiet for a shorter wait or a policy narrowed to teams the workflow never assigns to', () => {
    expect(waitExceedsSlaWarnings(workflow(5), [policy()])).toEqual([]);
    expect(waitExceedsSlaWarnings(workflow(15), [policy({ conditions: { channelIds: [], teamIds: ['billing'], tags: [], priorities: [] } })])).toEqual([]);
  });
});

describe('team over capacity', () => {
  const load = { teamId: 'sales', teamName: 'Sales', memberCapacities: [8, 8], peakOpen: 23, peakAt: '2026-11-28 14:00', windowDays: 14 };

  it('warns when the recorded peak exceeds capacity per agent × members', () => {
    const [w] = teamCapacityWarnings(workflow(), [load]);
    expect(w).toMatchObject({ kind: 'team_over_capacity', stepId: 'assign-first' });
    expect(w!.message).toContain('Team Sales can hold 16 open conversations, but held 23 at its peak in the last 14 days');
    expect(w!.evidence).toEqual(['Capacity: 8 per agent × 2 members = 16.', 'Peak: 23 conversations of team Sales open at once (2026-11-28 14:00).']);
  });

  it('is quiet within capacity or with unlimited capacity', () => {
    expect(teamCapacityWarnings(workflow(), [{ ...load, peakOpen: 16 }])).toEqual([]);
    expect(teamCapacityWarnings(workflow(), [{ ...load, memberCapacities: [8, null] }])).toEqual([]);
  });

  it('adds up members with their own capacities', () => {
    const [w] = teamCapacityWarnings(workflow(), [{ ...load, memberCapacities: [8, 4] }]);
    expect(w!.evidence[0]).toBe("Capacity: 8 + 4 = 12 (each member's capacity).");
  });
});
