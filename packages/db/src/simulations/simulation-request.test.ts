import { describe, expect, it } from 'vitest';
import { DomainError } from '../tenancy/errors';
import { parseSimulationRequest, SIMULATION_MAX_DAYS } from './simulation-request';

const now = new Date('2026-12-02T08:00:00Z');
const fieldOf = (raw: unknown) => {
  try {
    parseSimulationRequest(raw, now);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return { code: (err as DomainError).code, field: ((err as DomainError).details as { field: string }).field, message: (err as Error).message };
  }
  throw new Error('accepted');
};

describe('parseSimulationRequest', () => {
  it('accepts a week in the past with a seed', () => {
    expect(parseSimulationRequest({ from: '2026-11-25T08:00:00Z', to: '2026-12-02T08:00:00Z', seed: '42' }, now)).toEqual({
      from: new Date('2026-11-25T08:00:00Z'),
      to: new Date('2026-12-02T08:00:00Z'),
      seed: 42,
    });
  });

  it('refuses a period longer than the maximum, naming the field and the limit', () => {
    const e = fieldOf({ from: '2026-10-01T00:00:00Z', to: '2026-11-10T00:00:00Z', seed: 1 });
    expect(e).toMatchObject({ code: 'invalid', field: 'to' });
    expect(e.message).toContain(`at most ${SIMULATION_MAX_DAYS} days`);
  });

  it('refuses bad dates, an inverted period, a future period and a bad seed, each naming its field', () => {
    expect(fieldOf({ from: 'yesterday-ish', to: '2026-12-01T00:00:00Z', seed: 1 }).field).toBe('from');
    expect(fieldOf({ from: '2026-12-01T00:00:00Z', to: '2026-11-30T00:00:00Z', seed: 1 }).field).toBe('to');
    expect(fieldOf({ from: '2026-12-05T00:00:00Z', to: '2026-12-06T00:00:00Z', seed: 1 }).field).toBe('from');
    expect(fieldOf({ from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z', seed: 1.5 }).field).toBe('seed');
    expect(fieldOf({ from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z', seed: -1 }).field).toBe('seed');
  });
});
