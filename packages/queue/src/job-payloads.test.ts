import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_JOB, eventJobId, eventsJobId, eventsOfJob } from './job-payloads';

const ws = randomUUID();
const ref = (eventId = randomUUID(), workspaceId = ws) => ({ workspaceId, eventId });

describe('eventsOfJob', () => {
  it('names the events of the job, of any workspaces, ids only', () => {
    const [a, b] = [ref(), ref(randomUUID(), randomUUID())];
    expect(eventsOfJob({ events: [a, b] })).toEqual([a, b]);
    expect(eventsOfJob({ events: [{ ...a, text: 'hello' }] })).toEqual([a]); // extra keys never passed on
  });

  it('refuses an empty job, one over the bound, and the shapes of earlier versions', () => {
    expect(() => eventsOfJob({ events: [] })).toThrow();
    expect(() => eventsOfJob({ events: Array.from({ length: MAX_EVENTS_PER_JOB + 1 }, () => ref()) })).toThrow();
    expect(() => eventsOfJob({ workspaceId: ws, eventId: randomUUID() })).toThrow();
    expect(() => eventsOfJob({ workspaceId: ws, eventIds: [randomUUID()] })).toThrow();
  });
});

describe('eventsJobId', () => {
  it('is the per-event id for one event (what the outbox relay looks up)', () => {
    const a = ref();
    expect(eventsJobId([a])).toBe(eventJobId(a.eventId));
  });

  it('depends on the set of events and their workspaces, not their order', () => {
    const [a, b, c] = [ref(), ref(), ref()];
    expect(eventsJobId([a, b])).toBe(eventsJobId([b, a]));
    expect(eventsJobId([a, b])).not.toBe(eventsJobId([a, c]));
    expect(eventsJobId([a, b])).not.toBe(eventsJobId([a, { ...b, workspaceId: randomUUID() }]));
    expect(eventsJobId([a, b])).not.toContain(':'); // BullMQ refuses ':' in custom ids
  });
});
