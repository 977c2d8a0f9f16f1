import { z } from 'zod';
import { DomainError } from '../tenancy/errors';

/** The longest period one simulation replays: a month of traffic stays within the worker's memory and a minute of CPU. */
export const SIMULATION_MAX_DAYS = 31;
/** More openings than this in the period: refused before anything is replayed. */
export const SIMULATION_MAX_CONVERSATIONS = 200_000;
export const DEFAULT_SIMULATION_DAYS = 7;
const DAY = 86_400_000;

export const simulationRequestSchema = z.object({
  from: z.coerce.date({ error: 'from must be a date' }),
  to: z.coerce.date({ error: 'to must be a date' }),
  seed: z.coerce.number({ error: 'seed must be a whole number' }).int('seed must be a whole number').min(0, 'seed must be 0 or more').max(2_147_483_647, 'seed is too large'),
});
export type SimulationRequest = z.infer<typeof simulationRequestSchema>;

/**
 * Parses a simulation request (form or JSON) and applies the limits. Every refusal is a
 * DomainError('invalid') whose details name the field, for a 400.
 */
export function parseSimulationRequest(raw: unknown, now: Date): SimulationRequest {
  const parsed = simulationRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError('invalid', issue.message, { field: String(issue.path[0] ?? 'period') });
  }
  const { from, to } = parsed.data;
  if (Number.isNaN(from.getTime())) throw new DomainError('invalid', 'from must be a date', { field: 'from' });
  if (Number.isNaN(to.getTime())) throw new DomainError('invalid', 'to must be a date', { field: 'to' });
  if (from >= to) throw new DomainError('invalid', 'The period must end after it starts', { field: 'to' });
  if (from > now) throw new DomainError('invalid', 'The period must start in the past: only recorded traffic can be replayed', { field: 'from' });
  const days = (to.getTime() - from.getTime()) / DAY;
  if (days > SIMULATION_MAX_DAYS)
    throw new DomainError('invalid', `The period is ${Math.ceil(days)} days; at most ${SIMULATION_MAX_DAYS} days can be simulated`, { field: 'to' });
  return parsed.data;
}
