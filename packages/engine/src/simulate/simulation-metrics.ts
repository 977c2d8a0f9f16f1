import { matchSlaPolicy } from '../sla/match-sla-policy';
import { slaDue } from '../sla/sla-due';
import type { SimulationSetting } from './simulation-input';
import type { FirstResponseSummary, SimulatedPath, SlaSummary, VersionSimulation } from './simulation-result';
import type { ConvSim, VersionReplay } from './version-replay';

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function firstResponse(convs: readonly ConvSim[]): FirstResponseSummary {
  const times: number[] = [];
  let unanswered = 0;
  for (const c of convs) {
    if (!c.run) continue;
    if (c.outcome.firstResponseAt === null) unanswered++;
    else times.push(c.outcome.firstResponseAt - c.opening.openedAt);
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 50), p90Ms: percentile(times, 90), replied: times.length, unanswered };
}

/**
 * First response attainment under the workspace's SLA policies: the policy that matches the
 * conversation as the replay left it (team, priority, channel, contact tags), its first
 * response target from the opening; met when the simulated first reply came by then,
 * breached when the target passed unanswered while the conversation was open in the period.
 */
function slaAttainment(input: SimulationSetting, convs: readonly ConvSim[]): SlaSummary | null {
  if (input.slaPolicies.length === 0) return null;
  let covered = 0;
  let met = 0;
  let breached = 0;
  for (const c of convs) {
    if (!c.run) continue;
    const policy = matchSlaPolicy(input.slaPolicies, {
      channelId: c.conversation.channelId ?? '',
      teamId: c.conversation.teamId,
      priority: c.conversation.priority,
      tags: c.contact.tags,
    });
    const due = policy ? slaDue(policy, 'first_response', c.opening.openedAt, input.calendar) : null;
    if (!due) continue;
    covered++;
    const replied = c.outcome.firstResponseAt;
    if (due.dueAt === null) continue;
    if (replied !== null && replied <= due.dueAt) met++;
    else if (due.dueAt <= Math.min(c.opening.closedAt ?? Infinity, input.period.to)) breached++;
  }
  return { covered, met, breached, attainment: met + breached > 0 ? met / (met + breached) : null };
}

function pathOf(c: ConvSim): SimulatedPath {
  return {
    conversationId: c.opening.conversationId,
    contactName: c.opening.contact.name,
    openedAt: c.opening.openedAt,
    runStatus: c.run!.status === 'running' ? 'waiting' : c.run!.status,
    error: c.run!.error,
    steps: c.steps ?? [],
  };
}

export function summarizeReplay(input: SimulationSetting, replay: VersionReplay, sampleIds: readonly string[]): VersionSimulation {
  const runStatus = { completed: 0, failed: 0, waiting: 0, cancelled: 0 };
  let runs = 0;
  for (const c of replay.convs) {
    if (!c.run) continue;
    runs++;
    runStatus[c.run.status === 'running' ? 'waiting' : c.run.status]++;
  }
  const byId = new Map(replay.convs.map((c) => [c.opening.conversationId, c]));
  const samples = sampleIds.flatMap((id) => {
    const c = byId.get(id);
    return c?.run && c.steps ? [pathOf(c)] : [];
  });
  for (const c of replay.failedSamples) if (c.steps && !sampleIds.includes(c.opening.conversationId)) samples.push(pathOf(c));
  return {
    label: replay.version.label,
    versionId: replay.version.versionId,
    triggerNote: replay.triggerNote,
    brokenSteps: replay.runnable.brokenSteps,
    runs,
    runStatus,
    assignmentsPerAgent: replay.tallies.assignmentsPerAgent,
    reassignments: replay.tallies.reassignments,
    queuedByHour: replay.tallies.queuedByHour,
    noOneAvailableByHour: replay.tallies.noOneAvailableByHour,
    queueTimeouts: replay.tallies.queueTimeouts,
    firstResponse: firstResponse(replay.convs),
    sla: slaAttainment(input, replay.convs),
    failedSteps: replay.tallies.failedSteps,
    samples,
  };
}
