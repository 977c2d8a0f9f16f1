import { describe, expect, it } from 'vitest';
import type { WorkspaceCalendar } from '../business-time/schedule-ref';
import { planSlaClocks, type ExistingSlaClock, type SlaConversationState } from './plan-sla-clocks';
import { matchSlaPolicy } from './match-sla-policy';
import { slaDue } from './sla-due';
import { slaPolicyInputSchema, type SlaPolicy } from './sla-policy-schema';
import { describeSlaDue } from './sla-countdown';

const calendar: WorkspaceCalendar = { timeZone: 'UTC', workspace: null, teams: {} };
const T0 = Date.UTC(2026, 0, 5, 10, 0); // Monday 10:00 UTC
const min = 60_000;
const policy = (over: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: '00000000-0000-4000-8000-000000000001',
  position: 0,
  name: 'Standard',
  conditions: { channelIds: [], teamIds: [], tags: [], priorities: [] },
  targets: { firstResponseSeconds: 600, nextResponseSeconds: 300, resolutionSeconds: 3600 },
  businessHours: null,
  warningPercent: 80,
  pauseWhileWaitingOnCustomer: false,
  ...over,
});
const open = (over: Partial<SlaConversationState> = {}): SlaConversationState => ({
  status: 'open',
  openedAt: T0,
  closedAt: null,
  firstResponseAt: null,
  lastAgentReplyAt: null,
  firstIncomingAfterAgentReply: null,
  ...over,
});
const asExisting = (plan: ReturnType<typeof planSlaClocks>): ExistingSlaClock[] =>
  plan.create.map((c, i) => ({ ...c, id: `c${i}`, stoppedAt: null, cancelled: false, seq: 1 }));

describe('planSlaClocks', () => {
  it('an opened conversation gets first response and resolution clocks in calendar time, warning at the share', () => {
    const plan = planSlaClocks(open(), policy(), [], calendar, T0);
    expect(plan.create.map((c) => [c.kind, c.dueAt! - T0, c.warnAt! - T0])).toEqual([
      ['first_response', 10 * min, 8 * min],
      ['resolution', 60 * min, 48 * min],
    ]);
  });

  it('is idempotent: the same state plans nothing the second time', () => {
    const existing = asExisting(planSlaClocks(open(), policy(), [], calendar, T0));
    expect(planSlaClocks(open(), policy(), existing, calendar, T0 + min)).toEqual({ create: [], change: [] });
  });

  it('the first agent reply stops first response at the reply; a customer message after it starts next response', () => {
    const existing = asExisting(planSlaClocks(open(), policy(), [], calendar, T0));
    const replied = open({ firstResponseAt: T0 + 3 * min, lastAgentReplyAt: T0 + 3 * min });
    const plan = planSlaClocks(replied, policy(), existing, calendar, T0 + 4 * min);
    expect(plan.create).toEqual([]);
    expect(plan.change).toEqual([expect.objectContaining({ id: 'c0', stoppedAt: T0 + 3 * min, cancelled: false })]);
    const again = planSlaClocks({ ...replied, firstIncomingAfterAgentReply: T0 + 5 * min }, policy(), existing, calendar, T0 + 6 * min);
    expect(again.create).toEqual([expect.objectContaining({ kind: 'next_response', startedAt: T0 + 5 * min, dueAt: T0 + 10 * min })]);
  });

  it('closing stops every running clock at the close', () => {
    const existing = asExisting(planSlaClocks(open(), policy(), [], calendar, T0));
    const plan = planSlaClocks(open({ status: 'closed', closedAt: T0 + 7 * min }), policy(), existing, calendar, T0 + 8 * min);
    expect(plan.change.map((c) => [c.id, c.stoppedAt])).toEqual([
      ['c0', T0 + 7 * min],
      ['c1', T0 + 7 * min],
    ]);
  });

  it('a policy that stops covering a clock cancels it; a longer target retimes it with a new timer generation', () => {
    const existing = asExisting(planSlaClocks(open(), policy(), [], calendar, T0));
    const noFirst = policy({ targets: { firstResponseSeconds: null, nextResponseSeconds: null, resolutionSeconds: 7200 } });
    const plan = planSlaClocks(open(), noFirst, existing, calendar, T0 + min);
    expect(plan.change).toEqual([
      expect.objectContaining({ id: 'c0', cancelled: true, stoppedAt: T0 + min }),
      expect.objectContaining({ id: 'c1', dueAt: T0 + 120 * min, seq: 2, stoppedAt: null }),
    ]);
    expect(planSlaClocks(open(), null, existing, calendar, T0).change.every((c) => c.cancelled)).toBe(true);
  });

  it('business time: a clock started before opening counts from the opening and pauses overnight', () => {
    const cal: WorkspaceCalendar = {
      timeZone: 'Europe/Berlin',
      workspace: { timeZone: 'Europe/Berlin', weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] },
      teams: {},
    };
    const mondayEvening = Date.UTC(2026, 0, 5, 15, 30); // 16:30 in Berlin: 30 minutes left today
    const due = slaDue(policy({ businessHours: { type: 'workspace' } }), 'resolution', mondayEvening, cal)!;
    // 60 business minutes: 30 on Monday, 30 from Tuesday 09:00 Berlin (08:00 UTC).
    expect(due.dueAt).toBe(Date.UTC(2026, 0, 6, 8, 30));
    expect(due.warnAt).toBe(Date.UTC(2026, 0, 6, 8, 18));
  });
});

describe('pause while waiting on customer', () => {
  const pausing = policy({ pauseWhileWaitingOnCustomer: true });
  const resolutionOf = (plan: ReturnType<typeof planSlaClocks>) => [...plan.create, ...plan.change].find((c) => 'id' in c ? c.id === 'c1' : c.kind === 'resolution');

  it("the agent's reply pauses resolution (no due, no timer); the customer's message resumes it with the wait added", () => {
    const existing = asExisting(planSlaClocks(open(), pausing, [], calendar, T0));
    const replied = open({ firstResponseAt: T0 + 10 * min, lastAgentReplyAt: T0 + 10 * min, customerWaits: [{ from: T0 + 10 * min, to: null }] });
    const paused = planSlaClocks(replied, pausing, existing, calendar, T0 + 11 * min);
    expect(paused.change).toEqual([
      expect.objectContaining({ id: 'c0', stoppedAt: T0 + 10 * min }),
      expect.objectContaining({ id: 'c1', dueAt: null, warnAt: null, pausedAt: T0 + 10 * min, stoppedAt: null, seq: 2 }),
    ]);
    // Planning the same paused state again changes nothing.
    const pausedClocks = existing.map((c) => ({ ...c, ...paused.change.find((p) => p.id === c.id) }));
    expect(planSlaClocks(replied, pausing, pausedClocks, calendar, T0 + 20 * min)).toEqual({ create: [], change: [] });

    // 30 minutes waiting on the customer: 60 counted minutes end at +90, the 48-minute warning at +78.
    const answered = { ...replied, firstIncomingAfterAgentReply: T0 + 40 * min, customerWaits: [{ from: T0 + 10 * min, to: T0 + 40 * min }] };
    const resumed = planSlaClocks(answered, pausing, pausedClocks, calendar, T0 + 41 * min);
    expect(resolutionOf(resumed)).toMatchObject({ dueAt: T0 + 90 * min, warnAt: T0 + 78 * min, pausedAt: null, seq: 3 });
    // Next response runs from the customer's message as always (never paused: the agent's reply ends it).
    expect(resumed.create).toEqual([expect.objectContaining({ kind: 'next_response', startedAt: T0 + 40 * min, dueAt: T0 + 45 * min, pausedAt: null })]);
  });

  it('without the option the same conversation keeps counting; an instant reached before the pause stays (a breach stays a breach)', () => {
    const waiting = open({ firstResponseAt: T0 + 10 * min, lastAgentReplyAt: T0 + 10 * min, customerWaits: [{ from: T0 + 10 * min, to: null }] });
    expect(planSlaClocks(waiting, policy(), [], calendar, T0 + 11 * min).create.find((c) => c.kind === 'resolution')).toMatchObject({ dueAt: T0 + 60 * min, pausedAt: null });
    const short = policy({ pauseWhileWaitingOnCustomer: true, targets: { firstResponseSeconds: null, nextResponseSeconds: null, resolutionSeconds: 300 } });
    expect(planSlaClocks(waiting, short, [], calendar, T0 + 11 * min).create).toEqual([
      expect.objectContaining({ kind: 'resolution', dueAt: T0 + 5 * min, warnAt: T0 + 4 * min, pausedAt: null }),
    ]);
  });

  it('in business time a pause and the night both stop the count', () => {
    const cal: WorkspaceCalendar = {
      timeZone: 'UTC',
      workspace: { timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] },
      teams: {},
    };
    const p = policy({ pauseWhileWaitingOnCustomer: true, businessHours: { type: 'workspace' } });
    // Opened Monday 16:00 (60 business minutes): 20 counted, waiting 16:20 → Tuesday 10:00, then 40 more → 10:40.
    const mon16 = Date.UTC(2026, 0, 5, 16, 0);
    const due = slaDue(p, 'resolution', mon16, cal, [{ from: mon16 + 20 * min, to: Date.UTC(2026, 0, 6, 10, 0) }])!;
    expect(due.dueAt).toBe(Date.UTC(2026, 0, 6, 10, 40));
  });
});

describe('matchSlaPolicy', () => {
  const subject = { channelId: 'ch', teamId: 'team-a', priority: 'high' as const, tags: ['vip'] };
  it('the first matching policy by position wins; every given condition must hold', () => {
    const vip = policy({ id: 'vip', position: 1, conditions: { channelIds: [], teamIds: [], tags: ['vip'], priorities: [] } });
    const urgent = policy({ id: 'urgent', position: 0, conditions: { channelIds: [], teamIds: [], tags: [], priorities: ['urgent'] } });
    const teamB = policy({ id: 'b', position: 2, conditions: { channelIds: [], teamIds: ['team-b'], tags: [], priorities: [] } });
    const fallback = policy({ id: 'all', position: 3 });
    expect(matchSlaPolicy([fallback, teamB, vip, urgent], subject)!.id).toBe('vip');
    expect(matchSlaPolicy([fallback, teamB, urgent], subject)!.id).toBe('all');
    expect(matchSlaPolicy([teamB, urgent], { ...subject, teamId: null })).toBeNull();
  });
});

describe('slaPolicyInputSchema', () => {
  const base = { name: 'P', conditions: {}, targets: { firstResponseSeconds: 60 }, businessHours: null, warningPercent: 80 };
  const fieldOf = (input: unknown) => slaPolicyInputSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
  it('refuses a zero or negative target, a warning share outside (0, 100) and no target at all, naming the field', () => {
    expect(slaPolicyInputSchema.safeParse(base).success).toBe(true);
    expect(fieldOf({ ...base, targets: { firstResponseSeconds: 0 } })).toEqual(['targets.firstResponseSeconds']);
    expect(fieldOf({ ...base, targets: { resolutionSeconds: -5 } })).toEqual(['targets.resolutionSeconds']);
    expect(fieldOf({ ...base, warningPercent: 100 })).toEqual(['warningPercent']);
    expect(fieldOf({ ...base, warningPercent: 0 })).toEqual(['warningPercent']);
    expect(fieldOf({ ...base, targets: {} })).toEqual(['targets.firstResponseSeconds']);
  });
});

describe('describeSlaDue', () => {
  it('says how long is left, or how long ago it breached, in words', () => {
    expect(describeSlaDue(T0 + 90_000, T0)).toEqual({ breached: false, text: '1m 30s left' });
    expect(describeSlaDue(T0 - 5 * min, T0)).toEqual({ breached: true, text: 'breached 5m 00s ago' });
  });
});
