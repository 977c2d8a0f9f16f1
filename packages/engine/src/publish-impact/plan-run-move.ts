// Where a waiting run goes when the admin moves it to a new version at a named step, and when
// its timer fires there. Pure: the adapter locks the run's conversation, calls this, writes it.
import { addBusinessTime } from '../business-time/business-clock';
import { formatInstant, resolveSchedule, type WorkspaceCalendar } from '../business-time/schedule-ref';
import { poolKeyForTarget } from '../assignment/decide-assignment';
import { durationToMs } from '../schema/duration';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import { findStep, nextStepId } from '../interpreter/graph';
import type { RunState } from '../interpreter/snapshot';

export type RunMoveInput = {
  /** The new version. */
  definition: WorkflowDefinition;
  targetStepId: string;
  /** Where the run sleeps now: its step's type, and when it started waiting there (the open run_steps row). */
  from: { stepType: string; waitStartedAt: number | null };
  state: RunState;
  now: number;
  calendar: WorkspaceCalendar;
};

export type RunMovePlan = {
  /** The step the run now sleeps at (run_steps rows of the resumed wait are closed by this id). */
  currentStepId: string;
  resumeStepId: string | null;
  wakeAt: number;
  state: RunState;
  /** A wait re-planned in place: the adapter opens its run_steps row (the trace shows the new due time). */
  replannedWait: { durationMs: number; until: number } | null;
  explanation: string;
};

/**
 * - To a wait step from a wait: the timer is re-planned from when the run started waiting, with
 *   the new duration (a 15 → 30 minute change gives the run 15 more minutes, not 30). Already
 *   past: due now.
 * - To the assign step whose queue holds the run, same pool: it keeps its place (since) and the
 *   new timeout counts from when it joined; re-checked now.
 * - Anything else: the run continues at the step now (a wait due now, like a retry), so the
 *   step runs through the ordinary batch path on the new version.
 */
export function planRunMove(input: RunMoveInput): RunMovePlan | { error: string } {
  const { definition, targetStepId, from, now, calendar } = input;
  const target = findStep(definition, targetStepId);
  if (!target) return { error: `Step ${targetStepId} is not in the new version` };
  const { pendingHttp: _dropped, ...rest } = input.state;
  const state: RunState = { ...rest, queue: null };
  const label = target.name ? `"${target.name}"` : targetStepId;

  if (target.type === 'wait' && from.stepType === 'wait' && from.waitStartedAt !== null) {
    const durationMs = durationToMs(target.config.duration);
    let until = from.waitStartedAt + durationMs;
    let zone = calendar.timeZone;
    if (target.config.businessHours) {
      const schedule = resolveSchedule(calendar, target.config.businessHours);
      zone = schedule.timeZone;
      until = addBusinessTime(schedule, from.waitStartedAt, durationMs) ?? until;
    }
    until = Math.max(until, now);
    return {
      currentStepId: target.id,
      resumeStepId: nextStepId(definition, target.id, 'next'),
      wakeAt: until,
      state,
      replannedWait: { durationMs, until },
      explanation: `The wait at ${label} was re-planned from when the run started waiting: due ${until === now ? 'now' : formatInstant(until, zone)}.`,
    };
  }

  const held = input.state.queue;
  if (target.type === 'assign' && held && held.stepId === target.id && target.config.queue && poolKeyForTarget(target.config.target) === held.pool) {
    const until = held.since + durationToMs(target.config.queue.timeout);
    return {
      currentStepId: target.id,
      resumeStepId: target.id,
      wakeAt: now,
      state: { ...state, queue: { ...held, until } },
      replannedWait: null,
      explanation: `The run keeps its place in the queue at ${label} (the new timeout counts from when it joined) and is re-checked now.`,
    };
  }

  return {
    currentStepId: target.id,
    resumeStepId: target.id,
    wakeAt: now,
    state,
    replannedWait: null,
    explanation: `The run continues at ${label} now.`,
  };
}
