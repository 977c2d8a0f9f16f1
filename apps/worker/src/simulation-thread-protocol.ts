// What the worker's main thread and a simulation thread tell each other (simulation-runner.ts,
// simulation-thread.ts). Apart from the thread's entry, which runs as soon as it is imported.
import type { ClaimedSimulation, PoolTimeouts, runSimulation } from '@baton/db';
import type { VersionSimulation } from '@baton/engine';

export type SimulationThreadInput = {
  databaseUrl: string;
  poolTimeouts: PoolTimeouts;
  claimed: ClaimedSimulation;
  progressEveryMs?: number;
  /** Heap bound of the thread replaying the other version. */
  maxHeapMb: number;
};
/** The thread's last message: how the simulation ended. */
export type SimulationThreadMessage = { status: Awaited<ReturnType<typeof runSimulation>> };
/** From the main thread: the worker is stopping, put the simulation back in the queue. */
export const STOP_SIMULATION = 'stop';

/** From a version's replay thread (version-replay-thread.ts). */
export type VersionThreadMessage = { progress: number } | { version: VersionSimulation };
