import { addBusinessTime } from '../business-time/business-clock';
import { resolveSchedule, type WorkspaceCalendar } from '../business-time/schedule-ref';
import type { SlaKind, SlaPolicy } from './sla-policy-schema';
import { targetSecondsOf } from './sla-policy-schema';

export type SlaDue = { targetMs: number; dueAt: number | null; warnAt: number | null };

/**
 * When a clock of `kind` started at `startedAt` is due and when it warns. In business time the
 * clock only runs while the schedule is open (a start at night counts from the opening), so
 * both instants come from the business-time arithmetic; null when the schedule never opens
 * within the search window (no timer: the clock cannot breach). Null overall: the policy has
 * no target of that kind.
 */
export function slaDue(policy: SlaPolicy, kind: SlaKind, startedAt: number, calendar: WorkspaceCalendar): SlaDue | null {
  const seconds = targetSecondsOf(policy.targets, kind);
  if (seconds === null) return null;
  const targetMs = seconds * 1000;
  const warnMs = Math.max(1, Math.round((targetMs * policy.warningPercent) / 100));
  if (!policy.businessHours) return { targetMs, dueAt: startedAt + targetMs, warnAt: startedAt + warnMs };
  const schedule = resolveSchedule(calendar, policy.businessHours);
  return { targetMs, dueAt: addBusinessTime(schedule, startedAt, targetMs), warnAt: addBusinessTime(schedule, startedAt, warnMs) };
}
