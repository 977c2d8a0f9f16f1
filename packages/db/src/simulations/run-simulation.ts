import { Simulation, type SimulationInput, type SimulationResult, type SimVersionInput } from '@baton/engine';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { workflows } from '../schema';
import { tenant } from '../tenancy/tenant';
import { DomainError } from '../tenancy/errors';
import { loadRecordedPeriod } from './load-recorded-period.sql';
import { finishSimulation, reportSimulationProgress, requeueSimulation, type ClaimedSimulation } from './run-simulations.sql';

/** Events replayed between two looks at the clock; small enough that a look comes every few ms. */
const SLICE_EVENTS = 2_000;

class Cancelled extends Error {}
class Stopping extends Error {}

/**
 * Replays a loaded period and returns the result, calling `heartbeat` with its progress
 * (0..1) often — every few milliseconds of work: the heartbeat throws when the simulation
 * must stop (a cancel, the worker shutting down), and the replay lets it propagate.
 */
export type ReplayPeriod = (input: SimulationInput, heartbeat: (progress: number) => Promise<void>) => Promise<SimulationResult>;

/** The replay in one thread: each version in turn, in slices, yielding between them. */
export const replayInSlices: ReplayPeriod = async (input, heartbeat) => {
  const sim = new Simulation(input);
  while (!sim.advance(SLICE_EVENTS)) {
    await heartbeat(sim.progress());
    // Let the thread's other work (and this heartbeat's timers) run between slices.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return sim.result();
};

export interface RunSimulationOptions {
  /** How often progress is written and a cancel looked for (default 250 ms: a cancel stops within a second). */
  progressEveryMs?: number;
  pageSize?: number;
  /** The worker is shutting down: the simulation goes back to the queue for the next worker. */
  signal?: AbortSignal;
  /** How the loaded period is replayed (default: replayInSlices). */
  replay?: ReplayPeriod;
}

/**
 * Runs one claimed simulation to its end: loads the recorded period in pages, replays the
 * draft and the published version in slices (yielding to the event loop between them),
 * writes progress as it goes, and stores the result — or, when a cancel is asked for, stops
 * at the next progress write and stores nothing. Returns the final status.
 */
export async function runSimulation(db: Executor, claimed: ClaimedSimulation, opts: RunSimulationOptions = {}): Promise<'succeeded' | 'failed' | 'cancelled' | 'requeued'> {
  const t = tenant(db, claimed.workspaceId);
  const every = opts.progressEveryMs ?? 250;
  let lastReport = Date.now();
  const heartbeat = async (progress: number, force = false) => {
    if (opts.signal?.aborted) throw new Stopping();
    if (!force && Date.now() - lastReport < every) return;
    lastReport = Date.now();
    if ((await reportSimulationProgress(t, claimed.id, progress)).cancelled) throw new Cancelled();
  };
  try {
    const [wf] = await db
      .select({ name: workflows.name })
      .from(workflows)
      .where(and(eq(workflows.workspaceId, claimed.workspaceId), eq(workflows.id, claimed.workflowId)));
    if (!wf) throw new DomainError('not_found', 'The workflow was deleted');
    await heartbeat(0, true);
    // Loading is a small share of the work; it counts as the first 10 %.
    const recorded = await loadRecordedPeriod(t, { from: claimed.periodFrom, to: claimed.periodTo }, {
      pageSize: opts.pageSize,
      onPage: () => heartbeat(0.05),
    });
    const versions: SimVersionInput[] = [{ label: 'draft', versionId: 'draft', definition: claimed.draftDefinition }];
    if (claimed.publishedVersionId && claimed.publishedDefinition)
      versions.push({ label: 'published', versionId: claimed.publishedVersionId, definition: claimed.publishedDefinition });
    const input: SimulationInput = { ...recorded, workflow: { id: claimed.workflowId, name: wf.name }, seed: claimed.seed, versions };
    await heartbeat(0.1, true);
    const result = await (opts.replay ?? replayInSlices)(input, (progress) => heartbeat(0.1 + 0.9 * progress));
    await heartbeat(0.99, true);
    // A cancel asked for after the last heartbeat still wins (nothing is stored then).
    return (await finishSimulation(t, claimed.id, { status: 'succeeded', result })) === 'cancelled' ? 'cancelled' : 'succeeded';
  } catch (err) {
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
