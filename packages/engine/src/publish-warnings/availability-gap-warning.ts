// "Team Support had nobody online 22:00–07:00 on 12 of the last 14 days: about N conversations
// a day would reach 'no one available' at step X". Drawn from the recorded availability
// changes of the team's members and the conversations opened, in the workspace's time zone.
import { DateTime } from 'luxon';
import type { Availability } from '../interpreter/snapshot';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import type { PublishWarning } from './publish-warning';


export type MemberAvailabilityHistory = {
  /** The member's availability when the window starts (the last change before it). */
  initial: Availability;
  /** Changes inside the window, oldest first. */
  changes: ReadonlyArray<{ at: number; availability: Availability }>;
};

export type TeamAvailabilityHistory = {
  teamId: string;
  teamName: string;
  members: readonly MemberAvailabilityHistory[];
};

export type AvailabilityGapInput = {
  definition: WorkflowDefinition;
  timeZone: string;
  /** The window: whole local days [from, to). */
  from: number;
  to: number;
  teams: readonly TeamAvailabilityHistory[];
  /** Conversations opened per local hour: 'YYYY-MM-DDTHH' (workspace zone) → count. */
  openingsByLocalHour: ReadonlyMap<string, number>;
};

/** Online intervals [start, end) of one member within [from, to). */
export function onlineIntervals(m: MemberAvailabilityHistory, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let state = m.initial;
  let since = from;
  for (const c of m.changes) {
    const at = Math.min(Math.max(c.at, from), to);
    if (state === 'online' && c.availability !== 'online') {
      if (at > since) out.push([since, at]);
    } else if (state !== 'online' && c.availability === 'online') since = at;
    state = c.availability;
  }
  if (state === 'online' && to > since) out.push([since, to]);
  return out;
}

type Slot = { key: string; start: number; end: number; day: number; hour: number };

/** The window's local hours, in order (a DST day has 23 or 25). */
function localHours(from: number, to: number, zone: string): Slot[] {
  const slots: Slot[] = [];
  let t = DateTime.fromMillis(from, { zone }).startOf('hour');
  let day = 0;
  let lastDate = t.toISODate();
  while (t.toMillis() < to) {
    const next = t.plus({ hours: 1 });
    if (t.toISODate() !== lastDate) {
      day++;
      lastDate = t.toISODate();
    }
    slots.push({ key: t.toFormat("yyyy-LL-dd'T'HH"), start: t.toMillis(), end: next.toMillis(), day, hour: t.hour });
    t = next;
  }
  return slots;
}

const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * The longest run of hours of the day (wrapping past midnight) in which nobody of the team was
 * online on at least half of the days, and on how many days the whole run was uncovered.
 */
function usualGap(slots: readonly Slot[], uncovered: ReadonlySet<string>, days: number) {
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const s of slots) if (uncovered.has(s.key)) byHour[s.hour]!++;
  const usual = byHour.map((n) => n * 2 >= days && n > 0);
  if (usual.every(Boolean)) return { startHour: 0, length: 24 };
  let best = { startHour: 0, length: 0 };
  for (let h = 0; h < 24; h++) {
    if (!usual[h] || usual[(h + 23) % 24]) continue; // only where a run begins
    let n = 0;
    while (n < 24 && usual[(h + n) % 24]) n++;
    if (n > best.length) best = { startHour: h, length: n };
  }
  return best;
}

/** Assign steps that look for someone online in a team: the ones that can end in "no one available" or a queue. */
function onlineTeamAssigns(definition: WorkflowDefinition) {
  return definition.steps.flatMap((s) =>
    s.type === 'assign' && s.config.target.type === 'team' && s.config.onlyOnline ? [{ step: s, teamId: s.config.target.teamId }] : [],
  );
}

export function availabilityGapWarnings(input: AvailabilityGapInput): PublishWarning[] {
  const assigns = onlineTeamAssigns(input.definition);
  if (!assigns.length) return [];
  const slots = localHours(input.from, input.to, input.timeZone);
  const days = (slots.at(-1)?.day ?? -1) + 1;
  if (days === 0) return [];
  const out: PublishWarning[] = [];
  for (const { step, teamId } of assigns) {
    const team = input.teams.find((t) => t.teamId === teamId);
    if (!team) continue;
    const online = team.members.flatMap((m) => onlineIntervals(m, input.from, input.to)).sort((a, b) => a[0] - b[0]);
    const uncovered = new Set<string>();
    let i = 0;
    for (const s of slots) {
      while (i < online.length && online[i]![1] <= s.start) i++;
      const anyone = online.slice(i).some(([a, b]) => a < s.end && b > s.start);
      if (!anyone) uncovered.add(s.key);
    }
    const gap = usualGap(slots, uncovered, days);
    if (gap.length === 0) continue;
    // Days on which every hour of the gap (from its start, past midnight if it wraps) was uncovered.
    let gapDays = 0;
    let nights = 0;
    for (let idx = 0; idx < slots.length; idx++) {
      const s = slots[idx]!;
      if (s.hour !== gap.startHour || (idx > 0 && slots[idx - 1]!.hour === gap.startHour)) continue;
      // The window's last night may run past its end: judged on the hours inside it.
      const run = slots.slice(idx, idx + gap.length);
      nights++;
      if (run.every((r) => uncovered.has(r.key))) gapDays++;
    }
    let missed = 0;
    for (const s of slots) if (uncovered.has(s.key)) missed += input.openingsByLocalHour.get(s.key) ?? 0;
    const perDay = missed / days;
    const name = step.name ? `"${step.name}"` : step.id;
    const range = gap.length === 24 ? 'all day' : `${pad(gap.startHour)}–${pad((gap.startHour + gap.length) % 24)}`;
    out.push({
      kind: 'availability_gap',
      stepId: step.id,
      message: `Team ${team.teamName} had nobody online ${range} on ${gapDays} of the last ${nights || days} days: about ${perDay < 1 && perDay > 0 ? '<1' : Math.round(perDay)} conversations a day would reach "no one available" at step ${name}.`,
      evidence: [
        `${team.members.length} member${team.members.length === 1 ? '' : 's'}; availability changes recorded from ${DateTime.fromMillis(input.from, { zone: input.timeZone }).toISODate()} to ${DateTime.fromMillis(input.to, { zone: input.timeZone }).toISODate()} (${input.timeZone}).`,
        `${uncovered.size} of ${slots.length} hours had nobody of ${team.teamName} online.`,
        `${missed} conversation${missed === 1 ? '' : 's'} opened in those hours.`,
      ],
    });
  }
  return out;
}

/** The last `days` whole local days before today, in the workspace's zone: [from, to). */
export function historyWindow(now: number, zone: string, days: number): { from: number; to: number } {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  return { from: today.minus({ days }).toMillis(), to: today.toMillis() };
}
