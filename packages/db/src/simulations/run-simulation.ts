import { Simulation, simulationSetting, type SimOpening, type SimulationInput, type SimulationResult, type SimulationSetting, type SimVersionInput } from '@baton/engine';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { workflows } from '../schema';
import { tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { streamRecordedPeriod } from './load-recorded-period.sql';
import { finishSimulation, reportSimulationProgress, requeueSimulation, type ClaimedSimulation } from './run-simulations.sql';

/** Events replayed between two looks at the clock; small enough that a look comes every few ms. */
const SLICE_EVENTS = 2_000;

class Cancelled extends Error {}
class Stopping extends Error {}

/**
 * A replay that takes the period while it loads: the setting, then the openings page by page
 * (it may replay up to the last page meanwhile), then `finish` for the result. `finish` calls
 * `heartbeat` with its progress (0..1) often — every few milliseconds of work: the heartbeat
 * throws when the simulation must stop (a cancel, the worker shutting down), and the replay
 * lets it propagate. `stop` ends whatever it runs (a failed or cancelled load).
 */
export interface PeriodReplay {
  setting(setting: SimulationSetting): void;
  openings(page: SimOpening[]): void;
  /** 0..1 of the replay so far (it may move while the period loads). */
  progress(): number;
  finish(heartbeat: (progress: number) => Promise<void>): Promise<SimulationResult>;
  stop(): void;
}
/** Starts a replay of these versions, before the period loads (threads can start up meanwhile). */
export type ReplayPeriod = (versions: SimVersionInput[]) => PeriodReplay;

/** The replay in one thread: each version in turn, in slices, yielding between them, once every page is in. */
export const replayInSlices: ReplayPeriod = () => {
  let sim: Simulation | null = null;
  return {
    setting: (setting) => void (sim = new Simulation(setting)),
    openings: (page) => sim!.append(page),
    progress: () => sim?.progress() ?? 0,
    finish: async (heartbeat) => {
      sim!.end();
      while (!sim!.advance(SLICE_EVENTS)) {
        await heartbeat(sim!.progress());
        // Let the thread's other work (and this heartbeat's timers) run between slices.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return sim!.result();
    },
    stop: () => {},
  };
};

/** A whole input through a replay, in pages as a load would give them (tests, bench). */
export async function replayWhole(replay: ReplayPeriod, input: SimulationInput, heartbeat: (progress: number) => Promise<void>, pageSize = 2000): Promise<SimulationResult> {
  const run = replay(input.versions);
  try {
    run.setting(simulationSetting(input));
    for (let start = 0; start < input.openings.length; start += pageSize) run.openings(input.openings.slice(start, start + pageSize));
    return await run.finish(heartbeat);
  } finally {
    run.stop();
  }
}

export interface RunSimulationOptions {
  /** How often progress is written and a cancel looked for (default 250 ms: a cancel stops within a second). */
  progressEveryMs?: number;
  pageSize?: number;
  /** The worker is shutting down: the simulation goes back to the queue for the next worker. */
  signal?: AbortSignal;
  /** How the period is replayed (default: replayInSlices). */
  replay?: ReplayPeriod;
  /** Stage marks (the worker's BATON_SIMULATION_TRACE_FILE): where a simulation's time goes. */
  trace?: (stage: string, extra?: Record<string, unknown>) => void;
}

/**
 * Runs one claimed simulation to its end: starts the replay of the draft and the published
 * version, hands it the recorded period page by page as it loads (the replay goes on while
 * the next page is read), writes progress as it goes, and stores the result — or, when a
 * cancel is asked for, stops at the next progress write and stores nothing. Returns the
 * final status.
 */
export async function runSimulation(db: Executor, claimed: ClaimedSimulation, opts: RunSimulationOptions = {}): Promise<'succeeded' | 'failed' | 'cancelled' | 'requeued'> {
  const t = tenant(db, claimed.workspaceId);
  const trace = opts.trace ?? (() => {});
  const every = opts.progressEveryMs ?? 250;
  let lastReport = Date.now();
  const heartbeat = async (progress: number, force = false) => {
    if (opts.signal?.aborted) throw new Stopping();
    if (!force && Date.now() - lastReport < every) return;
    lastReport = Date.now();
    if ((await reportSimulationProgress(t, claimed.id, progress)).cancelled) throw new Cancelled();
  };
  const versions: SimVersionInput[] = [{ label: 'draft', versionId: 'draft', definition: claimed.draftDefinition }];
  if (claimed.publishedVersionId && claimed.publishedDefinition)
    versions.push({ label: 'published', versionId: claimed.publishedVersionId, definition: claimed.publishedDefinition });
  const replay = (opts.replay ?? replayInSlices)(versions);
  trace('replay-started');
  try {
    const [wf] = await db
      .select({ name: workflows.name })
      .from(workflows)
      .where(and(eq(workflows.workspaceId, claimed.workspaceId), eq(workflows.id, claimed.workflowId)));
    if (!wf) throw new DomainError('not_found', 'The workflow was deleted');
    await heartbeat(0, true);
    trace('workflow-read');
    let pages = 0;
    await streamRecordedPeriod(t, { from: claimed.periodFrom, to: claimed.periodTo }, {
      pageSize: opts.pageSize,
      onSetting: (recorded) => {
        trace('setting-loaded', { conversations: recorded.conversationIds.length });
        replay.setting({ ...recorded, workflow: { id: claimed.workflowId, name: wf.name }, seed: claimed.seed, versions });
        trace('setting-handed');
      },
      onOpenings: (page) => {
        trace('page-loaded', { page: pages, rows: page.length });
        replay.openings(page);
        trace('page-handed', { page: pages++ });
      },
      onPage: () => heartbeat(0.99 * replay.progress()),
    });
    trace('load-end', { progress: replay.progress() });
    const result = await replay.finish((progress) => heartbeat(0.99 * progress));
    trace('replayed');
    await heartbeat(0.99, true);
    // A cancel asked for after the last heartbeat still wins (nothing is stored then).
    const stored = await finishSimulation(t, claimed.id, { status: 'succeeded', result });
    trace('stored');
    return stored === 'cancelled' ? 'cancelled' : 'succeeded';
  } catch (err) {
    replay.stop();
    if (err instanceof Stopping) {
      await requeueSimulation(t, claimed.id);
      return 'requeued';
    }
    if (err instanceof Cancelled) {
      await finishSimulation(t, claimed.id, { status: 'cancelled' });
      return 'cancelled';
    }
    // A limit or a missing workflow is the admin's to fix and says so; anything else is ours.
    const message = err instanceof DomainError ? err.message : 'The simulation failed unexpectedly; try again';
    if (!(err instanceof DomainError)) console.error('[simulation] failed', claimed.id, err);
    await finishSimulation(t, claimed.id, { status: 'failed', error: message });
    return 'failed';
  }
}
