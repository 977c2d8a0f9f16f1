import { durationToMs } from '../schema/duration';
import type { PoolKey, QueueState, RunState, Snapshot } from '../interpreter/snapshot';
import type { AssignConfig } from '../steps/assign-step';

/** What the run log keeps about a queue wait, beside the assignment decision. */
export interface QueueNote {
  /** queued: just joined; waiting: re-checked, still no one; assigned / timed_out: left. */
  outcome: 'queued' | 'waiting' | 'assigned' | 'timed_out';
  since: number;
  until: number;
  /** Why the run was re-checked early, e.g. "Carol came online" (null: its own timer). */
  wake: string | null;
}

/** "4 min", "1 h 5 min", "12 s": how long a conversation waited, for explanations. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.round(h / 24)} days`;
}

/** The queue wait this step holds the run in, if the run is re-running it from the queue. */
export function heldQueue(state: RunState, stepId: string): QueueState | null {
  return state.queue && state.queue.stepId === stepId ? state.queue : null;
}

/** The queue a step that found no one joins (or keeps waiting in, with its original timeout). */
export function queueFor(config: AssignConfig, pool: PoolKey, snapshot: Snapshot, state: RunState, stepId: string): QueueState | null {
  if (!config.queue || pool.startsWith('user:')) return null;
  const held = heldQueue(state, stepId);
  if (held) return held;
  return { stepId, pool, since: snapshot.now, until: snapshot.now + durationToMs(config.queue.timeout) };
}

export function queuedSentence(label: string, q: QueueState, now: number, rejoined: boolean): string {
  const left = formatElapsed(q.until - now);
  if (rejoined) return `Still waiting in the ${label} queue (${formatElapsed(now - q.since)} so far, ${left} left).`;
  return `Waiting in the ${label} queue for up to ${formatElapsed(q.until - q.since)}.`;
}
