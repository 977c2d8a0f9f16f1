// What the worker's main thread and a simulation thread tell each other (simulation-runner.ts,
// simulation-thread.ts). Apart from the thread's entry, which runs as soon as it is imported.
import type { ClaimedSimulation, PoolTimeouts, runSimulation } from '@baton/db';

export type SimulationThreadInput = {
  databaseUrl: string;
  poolTimeouts: PoolTimeouts;
  claimed: ClaimedSimulation;
  progressEveryMs?: number;
};
/** The thread's last message: how the simulation ended. */
export type SimulationThreadMessage = { status: Awaited<ReturnType<typeof runSimulation>> };
/** From the main thread: the worker is stopping, put the simulation back in the queue. */
export const STOP_SIMULATION = 'stop';
