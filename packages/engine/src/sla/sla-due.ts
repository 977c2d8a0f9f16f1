import { addBusinessTime, businessMsBetween } from '../business-time/business-clock';
import { resolveSchedule, type WorkspaceCalendar } from '../business-time/schedule-ref';
import type { SlaKind, SlaPolicy } from './sla-policy-schema';
import { targetSecondsOf } from './sla-policy-schema';

/** dueAt/warnAt null with pausedAt set: the clock is paused (no timer) since pausedAt. */
export type SlaDue = { targetMs: number; dueAt: number | null; warnAt: number | null; pausedAt: number | null };
/** A stretch the clock does not count (waiting on the customer); `to` null: still paused. */
export type SlaPause = { from: number; to: number | null };

/**
 * When a clock of `kind` started at `startedAt` is due and when it warns. In business time the
 * clock only runs while the schedule is open (a start at night counts from the opening), so
 * both instants come from the business-time arithmetic; null when the schedule never opens
 * within the search window (no timer: the clock cannot breach). Pauses (sorted, from ≥ start)
 * are not counted either: an instant reached before a pause stays where it is (a breach before
 * the customer was waited on stays a breach); one not reached before a pause that is still
 * open is unknown until it ends (null, with `pausedAt`). Null overall: the policy has no
 * target of that kind.
 */
export function slaDue(policy: SlaPolicy, kind: SlaKind, startedAt: number, calendar: WorkspaceCalendar, pauses: readonly SlaPause[] = []): SlaDue | null {
  const seconds = targetSecondsOf(policy.targets, kind);
  if (seconds === null) return null;
  const targetMs = seconds * 1000;
  const warnMs = Math.max(1, Math.round((targetMs * policy.warningPercent) / 100));
  const schedule = policy.businessHours ? resolveSchedule(calendar, policy.businessHours) : null;
  const counted = (a: number, b: number) => (b <= a ? 0 : schedule ? businessMsBetween(schedule, a, b) : b - a);
  const add = (t: number, ms: number) => (schedule ? addBusinessTime(schedule, t, ms) : t + ms);
  const reach = (ms: number): { at: number | null } | { pausedAt: number } => {
    let t = startedAt;
    let left = ms;
    for (const p of pauses) {
      const before = counted(t, Math.max(t, p.from));
      if (before >= left) return { at: add(t, left) };
      left -= before;
      if (p.to === null) return { pausedAt: Math.max(t, p.from) };
      t = Math.max(t, p.to);
    }
    return { at: add(t, left) };
  };
  const due = reach(targetMs);
  const warn = reach(warnMs);
  return {
    targetMs,
    dueAt: 'at' in due ? due.at : null,
    warnAt: 'at' in warn ? warn.at : null,
    pausedAt: 'pausedAt' in due ? due.pausedAt : null,
  };
}
