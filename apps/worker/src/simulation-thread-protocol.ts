// What the worker's main thread and a simulation thread tell each other (simulation-runner.ts,
// simulation-thread.ts). Apart from the thread's entry, which runs as soon as it is imported.
import type { ClaimedSimulation, PoolTimeouts, runSimulation } from '@baton/db';
import type { SimulationResult, SimulationSetting, SimVersionInput } from '@baton/engine';

export type SimulationThreadInput = {
  databaseUrl: string;
  poolTimeouts: PoolTimeouts;
  claimed: ClaimedSimulation;
  progressEveryMs?: number;
  /** Heap bound of this thread, and shared by the versions' replay threads (replay-versions-in-parallel.ts). */
  maxHeapMb: number;
  /** When the runner created the thread (ms since the epoch): the trace's start-up stage. */
  spawnedAt?: number;
  /** The version replay threads' entry (thread-bundle.ts: the bundled one; else the tsx entry). */
  versionReplayEntry?: string;
};
/** The thread's last message: how the simulation ended. */
export type SimulationThreadMessage = { status: Awaited<ReturnType<typeof runSimulation>> };
/** From the main thread: the worker is stopping, put the simulation back in the queue. */
export const STOP_SIMULATION = 'stop';

/** A version's replay thread starts with its version (replay-versions-in-parallel.ts)… */
export type VersionThreadInput = { version: SimVersionInput; trace?: { simulationId: string; spawnedAt: number } };
/**
 * …then gets the period as it loads: the setting (with the other versions left out), each page
 * of openings (v8.serialize'd once into shared memory for every version's thread), the end.
 */
export type VersionThreadFeed = { setting: Omit<SimulationSetting, 'versions'> } | { page: Uint8Array } | { end: true };
/** From a version's replay thread (version-replay-thread.ts): the result holds that one version. */
export type VersionThreadMessage = { progress: number } | { result: SimulationResult };
