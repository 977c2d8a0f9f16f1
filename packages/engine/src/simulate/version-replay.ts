import { DateTime } from 'luxon';
import { firstStepAfterTrigger, findStep } from '../interpreter/graph';
import { runUntilPause, type RunPlan } from '../interpreter/run-until-pause';
import { initialRunState, type PoolKey, type RunState, type Snapshot } from '../interpreter/snapshot';
import { requirementsUntilWait } from '../interpreter/step-requirements';
import type { WorkflowDefinition } from '../schema/workflow-definition';
import { matchesTrigger } from '../trigger/match-trigger';
import type { AssignmentDecision } from '../assignment/decide-assignment';
import { EventHeap } from './event-heap';
import { Recorded, type RecordedEvent, type RecordedTimeline, type TimelineCursor } from './recorded-timeline';
import { ReplayWorld } from './replay-world';
import type { ReplyModel } from './reply-model';
import { runnableDefinition, type RunnableDefinition } from './runnable-definition';
import type { SimOpening, SimulationSetting, SimVersionInput } from './simulation-input';
import type { ConversationOutcome, SimulatedRunStatus, SimulatedStep } from './simulation-result';

// Same instant: availability first (an agent coming online at 09:00 takes a conversation
// opened at 09:00), then closes and replies (a reply at the timer's instant stops it, as the
// conversation lock orders them in production), then timers, then openings.
const RANK = { availability: Recorded.Availability, close: Recorded.Close, reply: 2, timer: 3, open: Recorded.Open } as const;

/** What the replay schedules itself; the recorded events come from the timeline's cursor. */
type Ev =
  | { kind: 'reply'; at: number; rank: number; conv: ConvSim; userId: string; assignedAt: number }
  | { kind: 'timer'; at: number; rank: number; conv: ConvSim; waitSeq: number };

type RunSim = {
  state: RunState;
  status: 'running' | SimulatedRunStatus;
  waitSeq: number;
  resumeStepId: string | null;
  /** The step the run sleeps in (its trace row stays unfinished until it resumes). */
  waitStep: SimulatedStep | null;
  error: string | null;
};

export type ConvSim = {
  index: number;
  opening: SimOpening;
  conversation: Snapshot['conversation'];
  contact: Snapshot['contact'];
  run: RunSim | null;
  /** Kept while the run lives when the conversation is sampled (or may be kept as a failure). */
  steps: SimulatedStep[] | null;
  outcome: ConversationOutcome;
  queuedIn: PoolKey | null;
};

export type Wake = { userId: string; text: string };

/** Queue order: arrival (since), then the order the conversations opened in. */
function queuedBefore(a: ConvSim, b: ConvSim): boolean {
  const sa = a.run!.state.queue!.since;
  const sb = b.run!.state.queue!.since;
  return sa !== sb ? sa < sb : a.index < b.index;
}

/** What one version's replay gathers besides the outcomes (aggregated in simulation-metrics). */
export interface ReplayTallies {
  assignmentsPerAgent: Record<string, number>;
  reassignments: number;
  queuedByHour: number[];
  noOneAvailableByHour: number[];
  queueTimeouts: number;
  failedSteps: Record<string, { count: number; error: string }>;
}

const MAX_FAILED_SAMPLES = 10;
/** Queued runs re-checked per round of a drain, as drain-queues.ts (DRAIN_BATCH). */
const DRAIN_BATCH = 64;

/**
 * One version's replay over the recorded period: a virtual clock over recorded openings,
 * closes, availability changes, modelled replies, and the run's own timers — every run
 * decision made by the production loop (`runUntilPause`) on a snapshot built like the
 * adapter's. Driven in slices (`advance`) so a worker can report progress and stop.
 */
export class VersionReplay {
  readonly runnable: RunnableDefinition;
  readonly definition: WorkflowDefinition | null;
  readonly triggerNote: string | null;
  readonly world: ReplayWorld;
  readonly convs: ConvSim[] = [];
  readonly tallies: ReplayTallies = {
    assignmentsPerAgent: {},
    reassignments: 0,
    queuedByHour: Array.from({ length: 24 }, () => 0),
    noOneAvailableByHour: Array.from({ length: 24 }, () => 0),
    queueTimeouts: 0,
    failedSteps: {},
  };
  readonly failedSamples: ConvSim[] = [];
  private readonly heap = new EventHeap<Ev>();
  private readonly recorded: TimelineCursor;
  /** Queued runs per pool in arrival order (since, then opening order): the drain reads the heads. */
  private readonly queues = new Map<PoolKey, ConvSim[]>();
  private readonly hourCache = new Map<number, number>();
  private readonly requirements = new Map<string | null, PoolKey[]>();
  /** Some queueing assign step takes agents who are not online: availability alone cannot rule a wake out. */
  private readonly queuesTakeOffline: boolean;
  private opened = 0;
  private done = false;
  /** The last `advance` stopped at the timeline's horizon: it waits for the next page of openings. */
  starved = false;

  constructor(
    private readonly input: SimulationSetting,
    readonly version: SimVersionInput,
    private readonly replies: ReplyModel,
    private readonly sampled: ReadonlySet<string>,
    private readonly timeline: RecordedTimeline,
  ) {
    this.runnable = runnableDefinition(version.definition);
    const def = this.runnable.definition;
    const event = def?.trigger.config.event;
    this.triggerNote = !def
      ? 'The trigger has problems: no run can start.'
      : event !== 'conversation.opened'
        ? `The trigger "${event}" is not replayed: only conversation openings are recorded for simulation.`
        : null;
    this.definition = this.triggerNote ? null : def;
    this.queuesTakeOffline = (this.definition?.steps ?? []).some((s) => s.type === 'assign' && s.config.queue && !s.config.onlyOnline);
    this.world = new ReplayWorld(input.members, input.teams, input.initialOpenCounts);
    this.recorded = timeline.cursor();
    this.extend();
  }

  /** Takes in the openings appended to the timeline since the last call. */
  extend(): void {
    const openings = this.timeline.openings;
    for (let index = this.convs.length; index < openings.length; index++) this.convs.push(conversationOf(openings[index]!, index));
    this.recorded.peek();
  }

  /** Share of the openings replayed so far, 0..1. */
  progress(): number {
    if (this.done) return 1;
    const total = this.timeline.capacity;
    return total === 0 ? 0 : this.opened / total;
  }

  get finished(): boolean {
    return this.done;
  }

  /** Processes up to `budget` events; true once the period is replayed. */
  advance(budget: number): boolean {
    const to = this.input.period.to;
    const rec = this.recorded;
    const timeline = this.timeline;
    this.starved = false;
    for (let n = 0; n < budget && !this.done; n++) {
      // The earliest event, recorded or scheduled; at one instant by rank, and a recorded
      // event before a scheduled one of the same rank (it was known first).
      const top = this.heap.peek();
      const fromRecord = rec.kind !== Recorded.None && (!top || rec.at < top.at || (rec.at === top.at && rec.kind <= top.rank));
      const at = fromRecord ? rec.at : top ? top.at : Infinity;
      // A later page may still hold an event at or after the horizon.
      if (at >= timeline.horizon && !timeline.ended) {
        this.starved = true;
        break;
      }
      // The replay stops at the end of the period: what is still waiting then stays waiting.
      if (at === Infinity || at > to) {
        this.finish();
        break;
      }
      if (fromRecord) {
        const kind = rec.kind as RecordedEvent;
        const index = rec.index;
        rec.take();
        this.handleRecorded(kind, index, at);
      } else this.handle(this.heap.pop()!);
    }
    return this.done;
  }

  private finish(): void {
    this.done = true;
    for (const conv of this.convs) {
      const run = conv.run;
      if (!run) continue;
      conv.outcome.runStatus = run.status === 'running' ? 'waiting' : run.status;
    }
  }

  private handleRecorded(kind: RecordedEvent, index: number, at: number): void {
    switch (kind) {
      case Recorded.Open:
        return this.open(this.convs[index]!, at);
      case Recorded.Close:
        return this.close(this.convs[index]!, at);
      case Recorded.Availability: {
        const change = this.input.availability[index]!;
        const before = this.world.setAvailability(change.userId, change.availability);
        if (before !== undefined && before !== 'online' && change.availability === 'online') {
          const name = this.world.membersById.get(change.userId)?.name ?? 'an agent';
          this.drain([{ userId: change.userId, text: `${name} came online` }], at);
        }
        return;
      }
    }
  }

  private handle(ev: Ev): void {
    switch (ev.kind) {
      case 'reply':
        return this.reply(ev.conv, ev.userId, ev.assignedAt, ev.at);
      case 'timer': {
        const run = ev.conv.run;
        // A timer that no longer matches the run's wait (a drain moved it, a close ended it) does nothing.
        if (!run || run.status !== 'waiting' || run.waitSeq !== ev.waitSeq) return;
        const start = run.resumeStepId;
        this.leaveQueue(ev.conv);
        this.advanceRun(ev.conv, start, ev.at, null);
        return;
      }
    }
  }

  private open(conv: ConvSim, now: number): void {
    this.opened++;
    const def = this.definition;
    if (!def) return;
    if (!matchesTrigger(def.trigger.config, { type: 'conversation.opened', source: conv.opening.source })) return;
    conv.run = { state: initialRunState(), status: 'running', waitSeq: 0, resumeStepId: null, waitStep: null, error: null };
    conv.outcome.runStatus = 'completed';
    // Traces are kept for the sample, and for the first failures when the version has steps
    // that cannot run (a draft with problems): keeping every run's would double the replay's garbage.
    const maybeFailing = Object.keys(this.runnable.brokenSteps).length > 0 && this.failedSamples.length < MAX_FAILED_SAMPLES;
    if (this.sampled.has(conv.opening.conversationId) || maybeFailing) {
      conv.steps = [
        {
          seq: 0,
          stepId: def.trigger.id,
          stepType: 'trigger',
          output: 'next',
          decision: {
            kind: 'trigger',
            event: 'conversation.opened',
            source: conv.opening.source,
            explanation: `Started by conversation.opened (source: ${conv.opening.source}).`,
          },
          effects: [],
          error: null,
          startedAt: now,
          finishedAt: now,
        },
      ];
    }
    this.advanceRun(conv, firstStepAfterTrigger(def), now, null);
  }

  private close(conv: ConvSim, now: number): void {
    if (conv.conversation.status === 'closed') return;
    const assignee = conv.conversation.assigneeId;
    conv.conversation = { ...conv.conversation, status: 'closed' };
    this.world.adjustOpen(assignee, -1);
    const run = conv.run;
    if (run && (run.status === 'waiting' || run.status === 'running')) {
      run.status = 'cancelled';
      run.error = 'Conversation closed';
      run.waitSeq++;
      if (run.waitStep) run.waitStep.finishedAt = now;
      if (conv.queuedIn) conv.outcome.queue = 'cancelled';
      this.leaveQueue(conv);
      this.settle(conv);
    }
    if (assignee) this.wakeCapacity([assignee], now);
  }

  private reply(conv: ConvSim, userId: string, assignedAt: number, now: number): void {
    const c = conv.conversation;
    if (c.status !== 'open' || c.assigneeId !== userId || c.assignedAt !== assignedAt || c.assigneeRepliedAt !== null) return;
    conv.conversation = { ...c, assigneeRepliedAt: now, lastAgentReplyAt: now, lastOutgoingAt: now };
    if (conv.outcome.firstResponseAt === null) conv.outcome.firstResponseAt = now;
  }

  private leaveQueue(conv: ConvSim): void {
    const list = conv.queuedIn ? this.queues.get(conv.queuedIn) : undefined;
    if (list) {
      const i = list.indexOf(conv);
      if (i >= 0) list.splice(i, 1);
    }
    conv.queuedIn = null;
  }

  private joinQueue(conv: ConvSim, pool: PoolKey): void {
    conv.queuedIn = pool;
    let list = this.queues.get(pool);
    if (!list) this.queues.set(pool, (list = []));
    // Arrivals come in clock order, so this is nearly always an append.
    let i = list.length;
    while (i > 0 && queuedBefore(conv, list[i - 1]!)) i--;
    list.splice(i, 0, conv);
  }

  private hourOf(t: number): number {
    const bucket = Math.floor(t / 900_000);
    let h = this.hourCache.get(bucket);
    if (h === undefined) {
      h = DateTime.fromMillis(bucket * 900_000, { zone: this.input.calendar.timeZone }).hour;
      this.hourCache.set(bucket, h);
    }
    return h;
  }

  /**
   * Runs the production loop from `startStepId` at `now` and writes what it decided into the
   * replay's world. `wake` set: a queue drain re-running a queued step; a run that is still
   * queued is left untouched, as the adapter leaves it (advance-batch.ts `stillQueued`).
   * Returns false when the drain changed nothing.
   */
  private advanceRun(conv: ConvSim, startStepId: string | null, now: number, wake: Record<string, string> | null): boolean {
    const def = this.definition!;
    const run = conv.run!;
    const pools: Snapshot['pools'] = {};
    let plan: RunPlan;
    try {
      let keys = this.requirements.get(startStepId);
      if (!keys) this.requirements.set(startStepId, (keys = requirementsUntilWait(def, startStepId).pools));
      for (const key of keys) pools[key] = this.world.pool(key);
      plan = runUntilPause({
        definition: def,
        versionId: this.version.versionId,
        startStepId,
        state: run.state,
        snapshot: {
          now,
          workflow: this.input.workflow,
          conversation: conv.conversation,
          contact: conv.contact,
          users: this.world.users(),
          teams: this.world.teams,
          pools,
          calendar: this.input.calendar,
          queueWake: wake,
        },
      });
    } catch (err) {
      // A step whose configuration the production loop cannot run: the run fails there.
      plan = {
        steps: [],
        state: run.state,
        snapshot: { ...({} as Snapshot), conversation: conv.conversation, contact: conv.contact, pools },
        end: { status: 'failed', stepId: startStepId ?? '', error: err instanceof Error ? err.message : String(err) },
      };
    }
    const held = run.state.queue;
    if (
      wake &&
      held &&
      plan.end.status === 'waiting' &&
      plan.end.stepId === held.stepId &&
      plan.state.queue?.since === held.since &&
      plan.steps.length === 1
    )
      return false;

    if (run.waitStep) run.waitStep.finishedAt = now;
    run.waitStep = null;
    if (!(plan.end.status === 'waiting' && plan.state.queue && plan.state.queue.pool === conv.queuedIn)) this.leaveQueue(conv);
    this.record(conv, plan, now);
    return true;
  }

  private record(conv: ConvSim, plan: RunPlan, now: number): void {
    const run = conv.run!;
    const before = conv.conversation;
    const after = plan.snapshot.conversation;
    for (const [key, pool] of Object.entries(plan.snapshot.pools) as Array<[PoolKey, NonNullable<Snapshot['pools'][PoolKey]>]>)
      if (!key.startsWith('user:')) this.world.setCursor(key, pool.cursorUserId);
    // Net open-count change, as the batch writes it: the assignee before loses one, the one after gains one.
    const lowered: string[] = [];
    if (before.status === 'open' && before.assigneeId && (after.assigneeId !== before.assigneeId || after.status !== 'open')) {
      this.world.adjustOpen(before.assigneeId, -1);
      lowered.push(before.assigneeId);
    }
    if (after.status === 'open' && after.assigneeId && after.assigneeId !== before.assigneeId) this.world.adjustOpen(after.assigneeId, +1);
    conv.conversation = after;
    conv.contact = plan.snapshot.contact;

    const hour = this.hourOf(now);
    for (const step of plan.steps) {
      let assigneeBefore = step.assigneeBefore;
      for (const effect of step.outcome.effects) {
        if (effect.type !== 'assign' || effect.userId === assigneeBefore) continue;
        conv.outcome.assignees.push(effect.userId);
        this.tallies.assignmentsPerAgent[effect.userId] = (this.tallies.assignmentsPerAgent[effect.userId] ?? 0) + 1;
        if (assigneeBefore !== null) {
          conv.outcome.reassignments++;
          this.tallies.reassignments++;
        }
        assigneeBefore = effect.userId;
      }
      const decision = step.outcome.decision as Partial<AssignmentDecision> | null;
      if (decision && decision.kind === 'assignment') {
        const q = decision.queue;
        if (q?.outcome === 'queued') this.tallies.queuedByHour[hour]!++;
        if (q && q.outcome !== 'waiting') conv.outcome.queue = q.outcome === 'queued' ? 'waiting' : q.outcome;
        if (q?.outcome === 'timed_out') this.tallies.queueTimeouts++;
        if (!step.waiting && (step.outcome.output === 'no_one_available' || step.outcome.output === 'no_skill_match')) {
          conv.outcome.noOneAvailable = true;
          this.tallies.noOneAvailableByHour[hour]!++;
        }
      }
      conv.steps?.push({
        seq: step.seq,
        stepId: step.stepId,
        stepType: step.stepType,
        output: step.outcome.output,
        decision: step.outcome.decision,
        effects: step.outcome.effects,
        error: null,
        startedAt: now,
        finishedAt: step.waiting ? null : now,
      });
    }
    run.state = plan.state;

    const end = plan.end;
    if (end.status === 'waiting') {
      run.status = 'waiting';
      run.waitSeq++;
      run.resumeStepId = end.resumeStepId;
      run.waitStep = conv.steps?.at(-1) ?? null;
      const queue = plan.state.queue;
      if (queue) {
        if (conv.queuedIn !== queue.pool) {
          this.leaveQueue(conv);
          this.joinQueue(conv, queue.pool);
        }
      }
      this.heap.push({ kind: 'timer', at: end.wakeAt, rank: RANK.timer, conv, waitSeq: run.waitSeq });
    } else if (end.status === 'completed') {
      run.status = 'completed';
      this.settle(conv);
    } else {
      run.status = 'failed';
      const broken = this.runnable.brokenSteps[end.stepId];
      run.error = broken ? `Step ${end.stepId} cannot run: ${broken}` : end.error;
      const failed = this.tallies.failedSteps[end.stepId] ?? { count: 0, error: run.error };
      failed.count++;
      this.tallies.failedSteps[end.stepId] = failed;
      const raw = findStep(this.definition!, end.stepId);
      conv.steps?.push({
        seq: run.state.stepsExecuted + 1,
        stepId: end.stepId,
        stepType: raw?.type ?? this.brokenType(end.stepId),
        output: null,
        decision: null,
        effects: [],
        error: run.error,
        startedAt: now,
        finishedAt: now,
      });
      this.settle(conv);
    }

    // A new assignee starts a new reply clock; the reply model says when (if ever) they answer.
    if (after.status === 'open' && after.assigneeId && after.assignedAt !== null && after.assignedAt !== before.assignedAt) {
      const at = this.replies.replyAt(conv.opening, after.assigneeId, after.assignedAt);
      if (at !== null) this.heap.push({ kind: 'reply', at, rank: RANK.reply, conv, userId: after.assigneeId, assignedAt: after.assignedAt });
    }
    if (lowered.length) this.wakeCapacity(lowered, now);
  }

  private brokenType(stepId: string): SimulatedStep['stepType'] {
    const raw = (this.version.definition as { steps?: Array<{ id?: unknown; type?: unknown }> } | null)?.steps?.find((s) => s.id === stepId);
    return (typeof raw?.type === 'string' ? raw.type : 'assign') as SimulatedStep['stepType'];
  }

  /** The run ended (completed, failed, cancelled): its trace is kept only if sampled. */
  private settle(conv: ConvSim): void {
    const run = conv.run!;
    conv.outcome.runStatus = run.status === 'running' ? 'waiting' : run.status;
    if (!conv.steps || this.sampled.has(conv.opening.conversationId)) return;
    if (run.status === 'failed' && this.failedSamples.length < MAX_FAILED_SAMPLES) this.failedSamples.push(conv);
    else conv.steps = null;
  }

  private wakeCapacity(userIds: readonly string[], now: number): void {
    if (this.queues.size === 0) return;
    this.drain(
      userIds.map((userId) => ({ userId, text: `${this.world.membersById.get(userId)?.name ?? 'an agent'} had a conversation closed or handed on` })),
      now,
    );
  }

  /**
   * Whether a woken agent could take anything now. The drain below re-runs queued steps only
   * when one could: a wake for an agent who is offline or at capacity changes no decision
   * (the production drain re-runs them and writes nothing), and skipping it keeps a replay of
   * 100k conversations from re-deciding every queued run at every close.
   */
  private couldTake(userId: string): boolean {
    const m = this.world.membersById.get(userId);
    if (!m) return false;
    if (!this.queuesTakeOffline && this.world.availability.get(userId) !== 'online') return false;
    return m.capacity === null || (this.world.openCounts.get(userId) ?? 0) < m.capacity;
  }

  /**
   * The queue drain (drain-queues.ts): the oldest queued runs of the woken agents' pools,
   * oldest arrival first whatever the pool, 64 at a time, each re-running its assign step
   * and seeing what the ones before it took; another round while a full round moved some.
   */
  private drain(wakes: readonly Wake[], now: number): void {
    if (this.queues.size === 0 || !wakes.some((w) => this.couldTake(w.userId))) return;
    const pools = new Set<PoolKey>();
    const queueWake: Record<string, string> = {};
    for (const w of wakes) {
      for (const p of this.world.poolsOf.get(w.userId) ?? []) pools.add(p);
      queueWake[w.userId] = w.text;
    }
    for (let round = 0; round < 1000; round++) {
      // The oldest 64 across the woken pools: the head of each (kept in arrival order), merged.
      const heads: ConvSim[] = [];
      for (const p of pools) heads.push(...(this.queues.get(p) ?? []).slice(0, DRAIN_BATCH));
      if (heads.length === 0) return;
      const batch = heads.sort((a, b) => (queuedBefore(a, b) ? -1 : 1)).slice(0, DRAIN_BATCH);
      let moved = 0;
      for (const conv of batch) {
        const run = conv.run!;
        if (run.status !== 'waiting' || !run.state.queue || !conv.queuedIn) continue;
        if (this.advanceRun(conv, run.state.queue.stepId, now, queueWake)) moved++;
        // Nobody woken has room left: the rest of the batch would re-decide to stay queued
        // (production re-runs them and writes nothing); skipping them is what keeps a
        // long queue from costing 64 decisions at every close.
        if (moved > 0 && !wakes.some((w) => this.couldTake(w.userId))) return;
      }
      if (moved === 0 || batch.length < DRAIN_BATCH) return;
    }
  }

}

function conversationOf(opening: SimOpening, index: number): ConvSim {
  return {
    index,
    opening,
    conversation: {
      id: opening.conversationId,
      status: 'open',
      priority: opening.priority,
      assigneeId: null,
      teamId: null,
      channelId: opening.channelId,
      openedAt: opening.openedAt,
      lastIncomingAt: opening.openedAt,
      lastOutgoingAt: null,
      lastAgentReplyAt: null,
      assignedAt: null,
      assigneeRepliedAt: null,
      openedBy: opening.source,
    },
    contact: opening.contact,
    run: null,
    steps: null,
    outcome: {
      conversationId: opening.conversationId,
      assignees: [],
      reassignments: 0,
      queue: null,
      noOneAvailable: false,
      firstResponseAt: null,
      runStatus: 'not_started',
    },
    queuedIn: null,
  };
}
