import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, createTestWorkspace, type TestWorkspace } from '../testing';
import { tenant, type Tenant } from '../tenancy/tenant';
import { availabilityChanges, contacts, conversationEvents, conversations } from '../schema';
import { getConversationMetrics } from './get-conversation-metrics.sql';
import { getAgentMetrics } from './get-agent-metrics.sql';

const handle = testDatabase();
afterAll(() => handle.close());

const at = (iso: string) => new Date(`${iso}Z`);
const MIN = 60_000;

let ws: TestWorkspace;
let t: Tenant;

/**
 * A hand-built week: six conversations opened on 10 and 11 March 2025 (UTC), one opened
 * the day before, and their assignment history. Every expected number below is worked out
 * by hand in the comments next to it.
 */
beforeAll(async () => {
  ws = await createTestWorkspace(handle.db, {
    members: [{ name: 'Lee', role: 'lead' }, { name: 'Alice' }, { name: 'Bob' }, { name: 'Carol' }],
  });
  t = tenant(handle.db, ws.workspaceId);
  const u = (n: string) => ws.users[n]!.id;
  type Spec = {
    key: string;
    openedAt: string;
    frtMs: number | null;
    assignee: string | null;
    status?: 'open' | 'closed';
    events: Array<[type: 'assigned' | 'reassigned', at: string, from: string | null, to: string]>;
  };
  const specs: Spec[] = [
    { key: 'A', openedAt: '2025-03-10T09:00:00', frtMs: 1 * MIN, assignee: 'Carol', events: [
      ['assigned', '2025-03-10T09:00:00', null, 'Alice'],
      ['reassigned', '2025-03-10T09:15:00', 'Alice', 'Carol'], // held 15 min
    ] },
    { key: 'B', openedAt: '2025-03-10T09:00:00', frtMs: 2 * MIN, assignee: 'Alice', events: [
      ['assigned', '2025-03-10T09:00:00', null, 'Bob'],
      ['reassigned', '2025-03-10T09:05:00', 'Bob', 'Carol'], // held 5 min
      ['reassigned', '2025-03-10T10:05:00', 'Carol', 'Alice'], // held 60 min
    ] },
    { key: 'C', openedAt: '2025-03-10T09:00:00', frtMs: 5 * MIN, assignee: null, events: [] },
    { key: 'D', openedAt: '2025-03-10T09:00:00', frtMs: null, assignee: null, events: [] },
    { key: 'E', openedAt: '2025-03-11T10:00:00', frtMs: 30_000, assignee: 'Alice', status: 'closed', events: [
      ['assigned', '2025-03-11T10:00:00', null, 'Alice'],
    ] },
    { key: 'F', openedAt: '2025-03-11T23:30:00', frtMs: 10 * MIN, assignee: 'Alice', events: [
      ['assigned', '2025-03-11T23:30:00', null, 'Alice'],
    ] },
    // Opened before the period; only its reassignment (inside the period) counts.
    { key: 'G', openedAt: '2025-03-09T23:00:00', frtMs: 1, assignee: 'Alice', events: [
      ['assigned', '2025-03-09T23:00:00', null, 'Bob'],
      ['reassigned', '2025-03-10T01:00:00', 'Bob', 'Alice'], // held 120 min
    ] },
  ];
  for (const s of specs) {
    const [contact] = await handle.db
      .insert(contacts)
      .values({ workspaceId: ws.workspaceId, channelId: ws.channelId, externalId: s.key, name: s.key })
      .returning();
    const [conv] = await handle.db
      .insert(conversations)
      .values({
        workspaceId: ws.workspaceId,
        channelId: ws.channelId,
        contactId: contact!.id,
        status: s.status ?? 'open',
        closedAt: s.status === 'closed' ? at('2025-03-11T12:00:00') : null,
        assigneeId: s.assignee ? u(s.assignee) : null,
        openedBy: 'contact',
        openedAt: at(s.openedAt),
        firstResponseMs: s.frtMs,
        firstResponseAt: s.frtMs === null ? null : new Date(at(s.openedAt).getTime() + s.frtMs),
      })
      .returning();
    for (const [type, when, from, to] of s.events) {
      await handle.db.insert(conversationEvents).values({
        workspaceId: ws.workspaceId,
        conversationId: conv!.id,
        type,
        actorType: 'workflow',
        fromUserId: from ? u(from) : null,
        toUserId: u(to),
        createdAt: at(when),
      });
    }
  }
});

const period = { from: at('2025-03-10T00:00:00'), to: at('2025-03-12T00:00:00') };

describe('metrics from a known set of conversations', () => {
  it('computes the period summary', async () => {
    const { summary } = await getConversationMetrics(t, { ...period, timeZone: 'UTC' });
    expect(summary).toEqual({
      opened: 6, // A–F; G opened the day before
      answered: 5, // D never got a reply
      // First responses sorted: 30s, 1m, 2m, 5m, 10m → median is the 3rd: 2 min.
      firstResponseMedianMs: 2 * MIN,
      // p90 (linear): position 0.9 × (5 − 1) = 3.6 → 5m + 0.6 × (10m − 5m) = 8 min.
      firstResponseP90Ms: 8 * MIN,
      reassignedConversations: 2, // A and B
      reassignedShare: 2 / 6,
      reassignments: 4, // A, B twice, G
      // Held before reassignment: 5, 15, 60, 120 min → median (15 + 60) / 2 = 37.5 min.
      timeToReassignMedianMs: 37.5 * MIN,
      // p90: position 0.9 × 3 = 2.7 → 60 + 0.7 × (120 − 60) = 102 min.
      timeToReassignP90Ms: 102 * MIN,
    });
  });

  it('splits the period into the viewer’s calendar days', async () => {
    const utc = await getConversationMetrics(t, { ...period, timeZone: 'UTC' });
    expect(utc.daily).toEqual([
      {
        day: '2025-03-10',
        opened: 4,
        firstResponseMedianMs: 2 * MIN, // 1, 2, 5 min
        firstResponseP90Ms: 4.4 * MIN, // position 1.8 → 2 + 0.8 × 3 = 4.4 min
        reassignedShare: 0.5, // A, B of A–D
        reassignments: 4, // A 09:15, B 09:05 and 10:05, G 01:00
        assignments: 6, // the four above + A and B assigned at 09:00
      },
      {
        day: '2025-03-11',
        opened: 2,
        firstResponseMedianMs: 5.25 * MIN, // (0.5 + 10) / 2
        firstResponseP90Ms: 9.05 * MIN, // position 0.9 → 0.5 + 0.9 × 9.5 = 9.05 min
        reassignedShare: 0,
        reassignments: 0,
        assignments: 2, // E and F
      },
    ]);

    // New York is UTC−4 in this week: the period starts on the evening of 9 March there,
    // so G's 01:00 UTC reassignment falls on the 9th, and F (23:30 UTC) stays on the 11th.
    const ny = await getConversationMetrics(t, { ...period, timeZone: 'America/New_York' });
    expect(ny.daily.map((d) => [d.day, d.opened, d.reassignments, d.assignments])).toEqual([
      ['2025-03-09', 0, 1, 1],
      ['2025-03-10', 4, 3, 5],
      ['2025-03-11', 2, 0, 2],
    ]);
    expect(ny.daily[0]!.firstResponseMedianMs).toBeNull();
    expect(ny.daily[0]!.reassignedShare).toBeNull();
  });

  it('computes load and reassignments per agent', async () => {
    const agents = await getAgentMetrics(t, { ...period, timeZone: 'UTC' });
    const by = Object.fromEntries(agents.map((a) => [a.name, a]));
    // Alice: assigned A, E, F; reassigned B (from Carol) and G (from Bob) to her → 5.
    // Open now: B, F, G (E is closed).
    expect(by.Alice).toMatchObject({ openNow: 3, assignments: 5, reassignedAway: 1, reassignedTo: 2 });
    // Bob: assigned B (G's assignment to him was before the period); lost B and G.
    expect(by.Bob).toMatchObject({ openNow: 0, assignments: 1, reassignedAway: 2, reassignedTo: 0 });
    // Carol: got A and B by reassignment, lost B to Alice; holds A.
    expect(by.Carol).toMatchObject({ openNow: 1, assignments: 2, reassignedAway: 1, reassignedTo: 2 });
    expect(by.Lee).toMatchObject({ openNow: 0, assignments: 0, reassignedAway: 0, reassignedTo: 0 });
  });

  it('computes assignments per online hour from the availability log', async () => {
    const log: Array<[string, 'online' | 'away' | 'offline', string]> = [
      ['Alice', 'online', '2025-03-09T22:00:00'], // online before the period: counts from 00:00
      ['Alice', 'away', '2025-03-10T01:00:00'], // → 1 h
      ['Alice', 'online', '2025-03-10T12:00:00'],
      ['Alice', 'offline', '2025-03-10T14:00:00'], // → 2 h; total 3 h
      ['Carol', 'online', '2025-03-11T22:00:00'], // until the period ends at 24:00 → 2 h
      ['Carol', 'offline', '2025-03-12T03:00:00'],
    ];
    for (const [name, availability, when] of log) {
      await handle.db.insert(availabilityChanges).values({ workspaceId: ws.workspaceId, userId: ws.users[name]!.id, availability, changedAt: at(when) });
    }
    const by = Object.fromEntries((await getAgentMetrics(t, { ...period, timeZone: 'UTC' })).map((a) => [a.name, a]));
    expect(by.Alice).toMatchObject({ onlineHours: 3, assignmentsPerOnlineHour: 1.67 }); // 5 / 3
    expect(by.Carol).toMatchObject({ onlineHours: 2, assignmentsPerOnlineHour: 1 }); // 2 / 2
    expect(by.Bob).toMatchObject({ onlineHours: 0, assignmentsPerOnlineHour: null });
  });

  it('is empty, not wrong, for a period with nothing in it', async () => {
    const { summary, daily } = await getConversationMetrics(t, {
      from: at('2024-01-01T00:00:00'),
      to: at('2024-01-02T00:00:00'),
      timeZone: 'UTC',
    });
    expect(summary).toMatchObject({ opened: 0, firstResponseMedianMs: null, reassignedShare: null, reassignments: 0 });
    expect(daily).toHaveLength(1);
  });

  it('rejects an unknown time zone and a backwards period', async () => {
    await expect(getConversationMetrics(t, { ...period, timeZone: 'Mars/Olympus' })).rejects.toThrow(/time zone/);
    await expect(getConversationMetrics(t, { from: period.to, to: period.from })).rejects.toThrow(/after/);
  });
});
