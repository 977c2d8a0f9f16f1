import { describe, expect, it } from 'vitest';
import { eventsOfJob } from './job-payloads';

const a = { workspaceId: '00000000-0000-4000-8000-000000000001', eventId: '00000000-0000-4000-8000-000000000002' };
const b = { workspaceId: '00000000-0000-4000-8000-000000000003', eventId: '00000000-0000-4000-8000-000000000004' };

describe('eventsOfJob', () => {
  it('reads a single-event job and a batch job alike', () => {
    expect(eventsOfJob(a)).toEqual([a]);
    expect(eventsOfJob({ events: [a, b] })).toEqual([a, b]);
  });
  it('refuses anything but ids', () => {
    expect(() => eventsOfJob({ events: [] })).toThrow();
    expect(() => eventsOfJob({ events: [{ ...a, text: 'hello' }] })).not.toThrow(); // extra keys are stripped…
    expect(eventsOfJob({ events: [{ ...a, text: 'hello' }] })).toEqual([a]); // …never passed on
    expect(() => eventsOfJob({ workspaceId: 'x', eventId: 'y' })).toThrow();
  });
});
