// What the worker's main thread and a simulation thread tell each other (simulation-runner.ts,
// simulation-thread.ts). Apart from the thread's entry, which runs as soon as it is imported.
import type { ClaimedSimulation, PoolTimeouts, runSimulation } from '@baton/db';
import type { SimulationResult, SimVersionInput } from '@baton/engine';

export type SimulationThreadInput = {
  databaseUrl: string;
  poolTimeouts: PoolTimeouts;
  claimed: ClaimedSimulation;
  progressEveryMs?: number;
  /** Heap bound of this thread, and shared by the versions' replay threads (replay-versions-in-parallel.ts). */
  maxHeapMb: number;
};
/** The thread's last message: how the simulation ended. */
export type SimulationThreadMessage = { status: Awaited<ReturnType<typeof runSimulation>> };
/** From the main thread: the worker is stopping, put the simulation back in the queue. */
export const STOP_SIMULATION = 'stop';

/** To a version's replay thread: the recorded period (v8.serialize'd, shared by every version's thread) and its version. */
export type VersionThreadInput = { period: Uint8Array; version: SimVersionInput };
/** From a version's replay thread (version-replay-thread.ts): the result holds that one version. */
export type VersionThreadMessage = { progress: number } | { result: SimulationResult };
