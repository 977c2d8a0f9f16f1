import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_JOB, eventJobId, eventsJobId, eventsOfJob } from './job-payloads';

const ws = randomUUID();

describe('eventsOfJob', () => {
  it('names the events of one workspace, ids only', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect(eventsOfJob({ workspaceId: ws, eventIds: [a, b] })).toEqual([
      { workspaceId: ws, eventId: a },
      { workspaceId: ws, eventId: b },
    ]);
    expect(eventsOfJob({ workspaceId: ws, eventIds: [a], text: 'hello' })).toEqual([{ workspaceId: ws, eventId: a }]); // extra keys never passed on
  });

  it('refuses an empty job, one over the bound, and the shapes of earlier versions', () => {
    expect(() => eventsOfJob({ workspaceId: ws, eventIds: [] })).toThrow();
    expect(() => eventsOfJob({ workspaceId: ws, eventIds: Array.from({ length: MAX_EVENTS_PER_JOB + 1 }, () => randomUUID()) })).toThrow();
    expect(() => eventsOfJob({ workspaceId: ws, eventId: randomUUID() })).toThrow();
    expect(() => eventsOfJob({ events: [{ workspaceId: ws, eventId: randomUUID() }] })).toThrow();
  });
});

describe('eventsJobId', () => {
  it('is the per-event id for one event (what the outbox relay looks up)', () => {
    const a = randomUUID();
    expect(eventsJobId(ws, [a])).toBe(eventJobId(a));
  });

  it('depends on the workspace and the set of events, not their order', () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    expect(eventsJobId(ws, [a, b])).toBe(eventsJobId(ws, [b, a]));
    expect(eventsJobId(ws, [a, b])).not.toBe(eventsJobId(ws, [a, c]));
    expect(eventsJobId(ws, [a, b])).not.toBe(eventsJobId(randomUUID(), [a, b]));
    expect(eventsJobId(ws, [a, b])).not.toContain(':'); // BullMQ refuses ':' in custom ids
  });
});
