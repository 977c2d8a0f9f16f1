import type { Duration, DurationUnit } from './primitives';

const unitMs: Record<DurationUnit, number> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

export const MIN_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 30 * 86_400_000;

export function durationToMs(duration: Duration): number {
  return Math.round(duration.amount * unitMs[duration.unit]);
}

export function formatDuration(duration: Duration): string {
  const singular = duration.unit.slice(0, -1);
  return `${duration.amount} ${duration.amount === 1 ? singular : duration.unit}`;
}
